using Qml.Abstractions;
using Qml.Learning.Checkpoints;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Learning.Training;
using Qml.Models.Classifiers.Hybrid;

namespace Qml.Models.Classifiers.Tests;

public sealed class HybridModelTests
{
    private static TrainingOptions Options(int epochs = 30) => new() { Epochs = epochs, BatchSize = 16, LearningRate = 0.05, Seed = 0 };

    [Test]
    public void The_hybrid_model_reaches_95_percent_test_accuracy_on_two_moons()
    {
        using var backend = HybridTestData.Cpu();
        var (model, data, card) = HybridTestData.Moons(backend, seed: 0);

        var result = new Trainer(model, Options()).Fit(data, card);

        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.95), string.Join("\n", result.History));
        Assert.That(data.Test.SampleCount, Is.EqualTo(40));
    }

    [TestCase(DifferentiationMethod.Adjoint)]
    [TestCase(DifferentiationMethod.ParameterShift)]
    public void The_gradient_of_the_whole_model_matches_central_finite_differences(DifferentiationMethod method)
    {
        using var backend = HybridTestData.Cpu();
        var (model, data, _) = HybridTestData.Moons(backend, seed: 3, options: ModelOptions.Parse(["qubits=3", "layers=2"]), diff: method);
        var batch = data.Train.Batches(5, shuffle: false, seed: 0).First();
        var input = Tensor.Wrap(batch.Features, batch.Size, batch.FeatureCount);
        double Loss() => model.Loss(model.Network.Forward(input), batch).Item();

        model.Network.ZeroGrad();
        model.Loss(model.Network.Forward(input), batch).Backward();
        const double h = 1e-5;
        var checkedCount = 0;
        foreach (var (name, p) in model.Network.NamedParameters())
        {
            var analytic = p.Grad!.ToArray();
            var data1 = p.Value.Data;
            for (var i = 0; i < data1.Length; i++)
            {
                var saved = data1[i];
                data1[i] = saved + h;
                var plus = Loss();
                data1[i] = saved - h;
                var minus = Loss();
                data1[i] = saved;
                var numeric = (plus - minus) / (2 * h);
                Assert.That(analytic[i], Is.EqualTo(numeric).Within((1e-6 * Math.Max(1, Math.Abs(numeric))) + 1e-9), $"{name}[{i}]");
                checkedCount++;
            }
        }

        Assert.That(checkedCount, Is.EqualTo(model.Network.ParameterCount));
    }

    [Test]
    public void A_run_stopped_after_epoch_k_and_resumed_reaches_bit_identical_weights()
    {
        using var backend = HybridTestData.Cpu();
        using var straight = new TempDirectory();
        using var resumed = new TempDirectory();
        var options = Options(epochs: 5) with { Schedule = "cosine" };
        var (model, data, card) = HybridTestData.Moons(backend, seed: 7, samples: 100);
        new Trainer(model, options with { CheckpointDirectory = straight.Path }).Fit(data, card);

        var (first, data1, card1) = HybridTestData.Moons(backend, seed: 7, samples: 100);
        new Trainer(first, options with { CheckpointDirectory = resumed.Path, StopAfterEpoch = 2 }).Fit(data1, card1);
        var (second, data2, card2) = HybridTestData.Moons(backend, seed: 7, samples: 100);
        var result = new Trainer(second, options with { CheckpointDirectory = resumed.Path, Resume = true }).Fit(data2, card2);

        Assert.That(result.ResumedFromEpoch, Is.EqualTo(2));
        Assert.That(HybridTestData.Weights(second), Is.EqualTo(HybridTestData.Weights(model)));
        Assert.That(
            File.ReadAllBytes(resumed.File(Checkpoint.WeightsFile)),
            Is.EqualTo(File.ReadAllBytes(straight.File(Checkpoint.WeightsFile))));
    }

    [Test]
    public void A_corrupted_checkpoint_is_rejected_naming_the_file_and_tensor()
    {
        using var backend = HybridTestData.Cpu();
        using var folder = new TempDirectory();
        var (model, data, card) = HybridTestData.Moons(backend, seed: 1, samples: 60);
        new Trainer(model, Options(epochs: 1) with { CheckpointDirectory = folder.Path }).Fit(data, card);
        var path = folder.File(Checkpoint.WeightsFile);
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        var weights = tensors["2.weights"];
        SafeTensorsFile.Write(path, new Dictionary<string, SafeTensor>(tensors) { ["2.weights"] = new([weights.Values.Length - 1], weights.Values[..^1]) }, metadata);
        var (fresh, data2, card2) = HybridTestData.Moons(backend, seed: 1, samples: 60);

        var error = Assert.Throws<CheckpointException>(() => new Trainer(fresh, Options(epochs: 2) with { CheckpointDirectory = folder.Path, Resume = true }).Fit(data2, card2));
        Assert.That(error!.Message, Does.Contain(path).And.Contain("'2.weights'").And.Contain("[16]").And.Contain("[15]"));

        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);
        var truncated = Assert.Throws<CheckpointException>(() => Checkpoint.LoadWeights(folder.Path, fresh.Network, "hybrid"));
        Assert.That(truncated!.Message, Does.Contain(path));
    }

    [Test]
    public void The_factory_describes_its_options_and_rejects_unknown_ones()
    {
        using var backend = HybridTestData.Cpu();
        var factory = new HybridModelFactory();
        var descriptor = factory.Describe();
        var context = new ModelContext(backend, DifferentiationMethod.Auto, 0, 2, 2, ModelTask.Classification);

        var model = factory.Create(ModelOptions.Parse(["qubits=3", "layers=1"]), context);

        Assert.That(descriptor.Name, Is.EqualTo("hybrid"));
        Assert.That(descriptor.DefaultDataset, Is.EqualTo("moons"));
        Assert.That(descriptor.Options.Select(o => o.Name), Is.EqualTo(new[] { "qubits", "layers", "scale" }));
        Assert.That(model.Network.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "2.weights", "3.weight", "3.bias" }));
        Assert.That(model.Card.ParameterCount, Is.EqualTo((2 * 3) + 3 + 6 + (3 * 2) + 2));
        Assert.That(model.Card.Differentiation, Is.EqualTo("auto"));
        var error = Assert.Throws<QmlException>(() => factory.Create(ModelOptions.Parse(["depth=3"]), context));
        Assert.That(error!.Message, Does.Contain("depth").And.Contain("layers, qubits, scale"));
    }

    [Test]
    public void The_plugin_module_registers_every_classifier_factory()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        var module = new ClassifiersPluginModule();

        module.ConfigureServices(services);

        Assert.That(module.Manifest.Id, Is.EqualTo("qml.models.classifiers"));
        var datasets = services.Where(s => s.ServiceType == typeof(IDatasetProvider)).ToList();
        Assert.That(datasets.Select(s => s.ImplementationType), Is.EqualTo(new[] { typeof(Qml.Models.Classifiers.Data.AdHocDatasetProvider), typeof(Qml.Models.Classifiers.Data.MnistBinaryDatasetProvider), typeof(Qml.Models.Classifiers.Data.FragileFeatureDatasetProvider) }));
        var factories = services.Where(s => s.ServiceType == typeof(IModelFactory)).Select(s => (IModelFactory)Activator.CreateInstance(s.ImplementationType!)!).ToList();
        Assert.That(factories.Select(f => f.Name), Is.EqualTo(ExpectedModels));
        Assert.That(factories.Select(f => f.Describe().Name), Is.EqualTo(ExpectedModels));
        using var backend = HybridTestData.Cpu();
        foreach (var factory in factories)
        {
            var defaultDataset = factory.Describe().DefaultDataset;
            Assert.That(BuiltInDatasets.Find(defaultDataset) is not null || defaultDataset is "adhoc" or "mnist-3v6-4x4", factory.Name);
            var model = factory.Create(ModelOptions.Default, new ModelContext(backend, DifferentiationMethod.Auto, 0, 2, 2, ModelTask.Classification));
            if (model is IOneShotModel oneShot)
            {
                // Kernel machines have no parameters until fitted: then their dual coefficients and intercepts count.
                Assert.That(model.Card.ParameterCount, Is.Zero, factory.Name);
                oneShot.Fit(BuiltInDatasets.Load("moons", DatasetOptions.Default.With("samples", "40")));
                Assert.That(oneShot.FittedParameterCount, Is.GreaterThan(1), factory.Name);
            }
            else
            {
                Assert.That(model.Card.ParameterCount, Is.GreaterThan(0), factory.Name);
            }
        }
    }

    private static readonly string[] ExpectedModels = ["hybrid", "reuploading", "vqc", "logistic", "mlp-classifier", "qsvm", "rbf-svm", "farhi-neven"];
}
