using System.Globalization;
using Qml.Learning.Checkpoints;
using Qml.Learning.Data;
using Qml.Learning.Data.Preprocessing;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Learning.Training;
using Qml.Models.Classifiers.Data;
using Qml.Models.Classifiers.Kernels;

namespace Qml.Models.Classifiers.Tests;

public sealed class KernelSvmModelTests
{
    private static readonly string[] AdHocOptions = ["c=10", "reps=2", "scale=1", "offset=0"];

    private static (IModel Model, DatasetSplit Split, ModelCard Card) AdHoc(Qml.Abstractions.Execution.IBackend backend, string[] options, int samples = 200)
    {
        var raw = AdHocDataset.Generate(samples, qubits: 2, gap: 0.3, seed: 0);
        var (split, preparation) = DataPreparation.Fit(raw, 0, "none");
        var context = new ModelContext(backend, DifferentiationMethod.Auto, 0, 2, 2, ModelTask.Classification);
        var model = new QsvmModelFactory().Create(ModelOptions.Parse(options), context);
        return (model, split, model.Card with { Dataset = "adhoc", Preprocessing = preparation });
    }

    [Test]
    public void Qsvm_trains_in_one_shot_to_95_percent_on_ad_hoc_data_and_its_checkpoint_predicts_the_same()
    {
        using var backend = HybridTestData.Cpu();
        using var folder = new TempDirectory();
        var (model, split, card) = AdHoc(backend, AdHocOptions);

        var result = new Trainer(model, new TrainingOptions { Seed = 0, CheckpointDirectory = folder.Path }).Fit(split, card);

        TestContext.Out.WriteLine($"qsvm adhoc via Trainer: test accuracy {result.Test.Metrics["accuracy"]:0.000}, {result.Card.ParameterCount} fitted coefficients");
        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.95));
        Assert.That(result.History, Has.Count.EqualTo(1));
        Assert.That(result.Card.Epoch, Is.EqualTo(1));
        Assert.That(result.Card.ParameterCount, Is.EqualTo(((IOneShotModel)model).FittedParameterCount).And.GreaterThan(1));
        var (tensors, _) = SafeTensorsFile.Read(folder.File(Checkpoint.WeightsFile));
        Assert.That(tensors.Keys, Is.EquivalentTo(new[] { "support_vectors", "dual_coef", "intercept", "kernel" }));
        var supports = tensors["support_vectors"].Shape[0];
        Assert.That(supports, Is.InRange(1, split.Train.SampleCount));
        Assert.That(tensors["dual_coef"].Shape, Is.EqualTo(new[] { 1, supports }));
        // The dual constraint Σ α_i y_i = 0 holds over the stored support vectors.
        Assert.That(tensors["dual_coef"].Values.Sum(), Is.EqualTo(0).Within(1e-9));

        var reloaded = (IOneShotModel)AdHoc(backend, AdHocOptions).Model;
        Checkpoint.LoadFitted(folder.Path, reloaded, "qsvm");
        var again = Evaluation.Of(reloaded, split.Test);
        Assert.That(again.Outputs.ToArray(), Is.EqualTo(result.Test.Outputs.ToArray()).Within(1e-12));
        Assert.That(Checkpoint.ReadCard(folder.Path).Metrics["test_accuracy"], Is.EqualTo(result.Test.Metrics["accuracy"]));
    }

    [Test]
    public void The_exported_kernels_are_a_symmetric_psd_gram_with_unit_diagonal_and_the_test_rows_against_training()
    {
        using var backend = HybridTestData.Cpu();
        using var folder = new TempDirectory();
        var (model, split, _) = AdHoc(backend, AdHocOptions, samples: 80);
        var kernelModel = (IKernelModel)model;
        kernelModel.Fit(split.Train);

        kernelModel.ExportKernels(folder.Path, split.Test);

        var train = ReadCsv(folder.File("train_kernel.csv"));
        var test = ReadCsv(folder.File("test_kernel.csv"));
        var n = split.Train.SampleCount;
        Assert.That(train, Has.Length.EqualTo(n));
        Assert.That(test, Has.Length.EqualTo(split.Test.SampleCount));
        Assert.That(test.Select(r => r.Length), Is.All.EqualTo(n));
        var flat = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            Assert.That(train[i], Has.Length.EqualTo(n));
            Assert.That(train[i][i], Is.EqualTo(1.0));
            for (var j = 0; j < n; j++)
            {
                Assert.That(train[i][j], Is.EqualTo(train[j][i]));
                flat[(i * n) + j] = train[i][j];
            }
        }

        Assert.That(SymmetricEigen.Jacobi(flat, n).Values.Min(), Is.GreaterThanOrEqualTo(-1e-9));
        Assert.That(test.SelectMany(r => r), Is.All.InRange(-1e-12, 1 + 1e-12));
    }

    [Test]
    public void Qsvm_with_a_shot_based_kernel_predicts_like_the_statevector_kernel()
    {
        using var backend = HybridTestData.Cpu();
        var (exact, split, _) = AdHoc(backend, AdHocOptions, samples: 80);
        var (sampled, _, _) = AdHoc(backend, [.. AdHocOptions, "kernel=shots", "shots=4000"], samples: 80);

        ((IOneShotModel)exact).Fit(split.Train);
        ((IOneShotModel)sampled).Fit(split.Train);

        var a = Evaluation.Of(exact, split.Test);
        var b = Evaluation.Of(sampled, split.Test);
        TestContext.Out.WriteLine($"statevector {a.Metrics["accuracy"]:0.000}, shots {b.Metrics["accuracy"]:0.000}");
        Assert.That(b.Metrics["accuracy"], Is.GreaterThanOrEqualTo(a.Metrics["accuracy"] - 0.1));
        Assert.That(b.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.85));
    }

    [Test]
    public void On_a_backend_without_state_access_qsvm_asks_for_shots_and_then_trains_by_compute_uncompute()
    {
        using var cpu = HybridTestData.Cpu();
        using var sampler = new SamplingOnly(cpu);

        var error = Assert.Throws<Qml.Abstractions.QmlException>(() => AdHoc(sampler, AdHocOptions));
        Assert.That(error!.Message, Does.Contain("kernel=statevector").And.Contain("kernel=shots"));

        var (model, split, _) = AdHoc(sampler, [.. AdHocOptions, "kernel=shots", "shots=2000"], samples: 60);
        ((IOneShotModel)model).Fit(split.Train);
        Assert.That(Evaluation.Of(model, split.Test).Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.85));
    }

    /// <summary>The CPU backend as a sampling-only device would present it: no state vector.</summary>
    private sealed class SamplingOnly(Qml.Abstractions.Execution.IBackend inner) : Qml.Abstractions.Execution.IBackend
    {
        public Qml.Abstractions.Execution.BackendInfo Info { get; } = inner.Info with { Capabilities = inner.Info.Capabilities with { StateAccess = false } };

        public Task<Qml.Abstractions.Execution.ExecutionResult> ExecuteAsync(Qml.Abstractions.Execution.ExecutionRequest request, CancellationToken cancellationToken = default)
        {
            Assert.That(request.Outputs.HasFlag(Qml.Abstractions.Execution.ResultKinds.State), Is.False, "no state requests on a sampling-only backend");
            return inner.ExecuteAsync(request, cancellationToken);
        }

        public void Dispose()
        {
        }
    }

    [Test]
    public void Rbf_svm_uses_scale_gamma_by_default_and_separates_circles()
    {
        using var backend = HybridTestData.Cpu();
        using var folder = new TempDirectory();
        var (model, split, card) = ClassifierTestData.Load(new RbfSvmModelFactory(), backend, "circles", seed: 0, samples: 200);

        var result = new Trainer(model, new TrainingOptions { Seed = 0, CheckpointDirectory = folder.Path }).Fit(split, card);

        var features = split.Train.Features;
        var mean = features.Average();
        var expectedGamma = 1.0 / (2 * features.Sum(v => (v - mean) * (v - mean)) / features.Length);
        var (tensors, _) = SafeTensorsFile.Read(folder.File(Checkpoint.WeightsFile));
        Assert.That(tensors["kernel"].Values, Is.EqualTo(new[] { expectedGamma }).Within(1e-12));
        TestContext.Out.WriteLine($"rbf-svm circles: test accuracy {result.Test.Metrics["accuracy"]:0.000}, gamma {expectedGamma:0.000}");
        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.95));
    }

    [Test]
    public void Rbf_svm_classifies_three_classes_one_versus_rest_and_reloads()
    {
        using var backend = HybridTestData.Cpu();
        var random = new Random(5);
        const int n = 90;
        var features = new double[n * 2];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 3;
            var angle = 2 * Math.PI * labels[i] / 3;
            features[2 * i] = (2 * Math.Cos(angle)) + (0.4 * (random.NextDouble() - 0.5));
            features[(2 * i) + 1] = (2 * Math.Sin(angle)) + (0.4 * (random.NextDouble() - 0.5));
        }

        var data = Dataset.ForClassification("blobs", features, 2, labels, 3);
        var context = new ModelContext(backend, DifferentiationMethod.Auto, 0, 2, 3, ModelTask.Classification);
        var model = (IOneShotModel)new RbfSvmModelFactory().Create(ModelOptions.Parse(["gamma=0.5", "c=5"]), context);

        model.Fit(data);

        var evaluation = Evaluation.Of(model, data);
        Assert.That(evaluation.Outputs.Shape, Is.EqualTo(new[] { n, 3 }));
        Assert.That(evaluation.Metrics["accuracy"], Is.EqualTo(1.0));
        Assert.That(model.FittedState()["dual_coef"].Shape[0], Is.EqualTo(3));
        var copy = (IOneShotModel)new RbfSvmModelFactory().Create(ModelOptions.Parse(["gamma=0.5", "c=5"]), context);
        copy.LoadFittedState(model.FittedState(), "memory");
        Assert.That(Evaluation.Of(copy, data).Outputs.ToArray(), Is.EqualTo(evaluation.Outputs.ToArray()));
    }

    [Test]
    public void A_checkpoint_of_the_wrong_shape_or_an_unfitted_model_is_refused_with_the_tensor_named()
    {
        using var backend = HybridTestData.Cpu();
        var context = new ModelContext(backend, DifferentiationMethod.Auto, 0, 2, 2, ModelTask.Classification);
        var model = (IOneShotModel)new RbfSvmModelFactory().Create(ModelOptions.Default, context);

        var forward = Assert.Throws<Qml.Abstractions.QmlException>(() => model.Network.Forward(Tensor.Zeros(1, 2)));
        Assert.That(forward!.Message, Does.Contain("rbf-svm").And.Contain("not been fitted"));
        var state = new Dictionary<string, SafeTensor>
        {
            ["support_vectors"] = new([3, 2], new double[6]),
            ["dual_coef"] = new([1, 2], new double[2]),
            ["intercept"] = new([1], [0.0]),
            ["kernel"] = new([1], [1.0]),
        };
        var error = Assert.Throws<CheckpointException>(() => model.LoadFittedState(state, "w.safetensors"));
        Assert.That(error!.Message, Does.Contain("w.safetensors").And.Contain("dual_coef").And.Contain("[1, 3]"));
        var gamma = Assert.Throws<Qml.Abstractions.QmlException>(() => new RbfSvmModelFactory().Create(ModelOptions.Parse(["gamma=-1"]), context));
        Assert.That(gamma!.Message, Does.Contain("gamma=-1"));
    }

    private static double[][] ReadCsv(string path) =>
        [.. File.ReadAllLines(path).Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
}
