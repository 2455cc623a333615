using System.Diagnostics;
using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Backends.Cpu;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Learning.Training;
using Qml.Models.Classifiers.Data;
using Qml.Models.Classifiers.FarhiNeven;

namespace Qml.Models.Classifiers.Tests;

public sealed class FarhiNevenTests
{
    private static IModel Model(IBackend backend, int features, params string[] options) =>
        new FarhiNevenModelFactory().Create(ModelOptions.Parse(options), new ModelContext(backend, DifferentiationMethod.Auto, 0, features, 2, ModelTask.Classification));

    [Test]
    public void The_zx_coupling_rotates_the_readout_by_the_sign_of_the_data_bit()
    {
        // Readout |1⟩, exp(−iφ/2 Z_j X_r): RX(±φ) on the readout, ⟨Y⟩ = ±sin φ (+ for bit 0, − for bit 1).
        using var backend = HybridTestData.Cpu();
        var model = Model(backend, 1);
        const double phi = 0.7;
        var weights = model.Network.Parameters()[0].Value.Data;
        weights[0] = 0; // xx0_0
        weights[1] = phi; // zx0_0

        var output = model.Network.Forward(Tensor.FromArray([2, 1], [0.0, 1.0])).ToArray();

        Assert.That(output, Is.EqualTo(new[] { -Math.Sin(phi), Math.Sin(phi), Math.Sin(phi), -Math.Sin(phi) }).Within(1e-12));
    }

    [Test]
    public void With_zero_angles_the_readout_stays_in_one_so_y_reads_0_and_the_tfq_z_variant_reads_minus_1()
    {
        using var backend = HybridTestData.Cpu();
        var input = Tensor.FromArray([2, 2], [0.0, 1.0, 1.0, 1.0]);
        foreach (var (readout, expected) in new[] { ("y", 0.0), ("z", -1.0) })
        {
            var model = Model(backend, 2, $"readout={readout}", "layers=2");
            model.Network.Parameters()[0].Value.Data.Clear();

            var output = model.Network.Forward(input).ToArray();

            Assert.That(output.Where((_, i) => i % 2 == 1), Is.All.EqualTo(expected).Within(1e-12), readout);
        }
    }

    [Test]
    public void The_hinge_loss_gradient_matches_central_differences()
    {
        using var backend = HybridTestData.Cpu();
        var model = Model(backend, 3, "layers=2");
        var input = Tensor.FromArray([4, 3], [0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1]);
        var batch = new DatasetBatch([0, 1, 2, 3], input.ToArray(), 3, [0, 1, 1, 0], null, 0);
        var weights = model.Network.Parameters()[0];
        // Small angles keep every sample inside the hinge (margin < 1), where the loss is smooth.
        var random = new Random(2);
        for (var i = 0; i < weights.Length; i++)
        {
            weights.Value.Data[i] = 0.3 * (random.NextDouble() - 0.5);
        }

        model.Network.ZeroGrad();
        model.Loss(model.Network.Forward(input), batch).Backward();
        var analytic = weights.Value.Grad!.ToArray();
        const double h = 1e-5;
        for (var i = 0; i < weights.Length; i++)
        {
            var keep = weights.Value.Data[i];
            weights.Value.Data[i] = keep + h;
            var up = model.Loss(model.Network.Forward(input), batch).Item();
            weights.Value.Data[i] = keep - h;
            var down = model.Loss(model.Network.Forward(input), batch).Item();
            weights.Value.Data[i] = keep;
            Assert.That(analytic[i], Is.EqualTo((up - down) / (2 * h)).Within(1e-7), $"weight {i}");
        }

        Assert.That(analytic.Max(Math.Abs), Is.GreaterThan(1e-3));
    }

    [Test]
    public void The_mnist_3_vs_6_task_is_binary_4x4_and_without_contradictions()
    {
        var data = new MnistBinaryDatasetProvider().Load(DatasetOptions.Default.With("limit-per-digit", "300"));
        var (tfq, contradictions) = MnistBinaryDataset.Load(limitPerDigit: 300, contradictions: "before");

        Assert.That(data.Name, Is.EqualTo("mnist-3v6-4x4"));
        Assert.That(data.FeatureCount, Is.EqualTo(16));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "3", "6" }));
        Assert.That(data.Features, Is.All.EqualTo(0.0).Or.EqualTo(1.0));
        var labelsByImage = Enumerable.Range(0, data.SampleCount).GroupBy(i => string.Concat(data.Row(i).ToArray()), i => data.Labels![i]);
        Assert.That(labelsByImage.Where(g => g.Distinct().Count() > 1), Is.Empty);
        Assert.That(data.SampleCount, Is.InRange(200, 599), "binary contradictions removed from 600 images");
        Assert.That(tfq.SampleCount + contradictions, Is.EqualTo(600));
        Assert.That(tfq.SampleCount, Is.GreaterThan(data.SampleCount));
        var error = Assert.Throws<QmlException>(() => new MnistBinaryDatasetProvider().Load(DatasetOptions.Default.With("digits", "3")));
        Assert.That(error!.Message, Does.Contain("digits=3"));
    }

    [Test]
    public void The_farhi_neven_qnn_reaches_85_percent_on_mnist_3_vs_6_at_4x4()
    {
        // 17 qubits (16 pixels + readout) on the CPU statevector with adjoint gradients.
        using var backend = new CpuBackendFactory().Create(BackendOptions.Default.With("threads", "2"));
        var raw = new MnistBinaryDatasetProvider().Load(DatasetOptions.Default.With("limit-per-digit", "400"));
        var (split, preparation) = DataPreparation.Fit(raw, 0, "none");
        var model = Model(backend, 16);
        var watch = Stopwatch.StartNew();

        var result = new Trainer(model, new TrainingOptions { Epochs = 2, BatchSize = 16, LearningRate = 0.1, Seed = 0 })
            .Fit(split, model.Card with { Dataset = raw.Name, Preprocessing = preparation });

        TestContext.Out.WriteLine(
            $"farhi-neven mnist 3v6 4x4: {split.Train.SampleCount} train, test accuracy {result.Test.Metrics["accuracy"]:0.000} in {watch.Elapsed.TotalSeconds:0.0} s, {model.Card.ParameterCount} parameters");
        Assert.That(model.Card.ParameterCount, Is.EqualTo(32));
        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.85));
    }
}
