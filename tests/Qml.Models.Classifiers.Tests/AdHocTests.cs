using System.Diagnostics;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Training;
using Qml.Models.Classifiers.Data;
using Qml.Models.Classifiers.Kernels;
using Qml.Models.Classifiers.Vqc;

namespace Qml.Models.Classifiers.Tests;

public sealed class AdHocTests
{
    private static (DatasetSplit Split, DataPreparation Preparation) AdHoc(int samples = 200, int seed = 0) =>
        DataPreparation.Fit(AdHocDataset.Generate(samples, qubits: 2, gap: 0.3, seed: seed), 0, "none");

    [Test]
    public void The_ad_hoc_dataset_is_seeded_balanced_and_in_0_to_2pi()
    {
        var a = AdHocDataset.Generate(100, seed: 4);
        var b = new AdHocDatasetProvider().Load(DatasetOptions.Default.With("samples", "100").With("seed", "4"));

        Assert.That(b.Features, Is.EqualTo(a.Features));
        Assert.That(b.Labels, Is.EqualTo(a.Labels));
        Assert.That(a.Labels!.Count(l => l == 1), Is.EqualTo(50));
        Assert.That(a.Features, Is.All.InRange(0.0, 2 * Math.PI));
        Assert.That(AdHocDataset.Generate(100, seed: 5).Features, Is.Not.EqualTo(a.Features));
    }

    [Test]
    public void The_quantum_kernel_svm_reaches_95_percent_on_the_2_qubit_ad_hoc_dataset_with_gap_0_3()
    {
        using var backend = HybridTestData.Cpu();
        var (split, _) = AdHoc();
        var watch = Stopwatch.StartNew();

        var svm = new QuantumKernelSvm(new FidelityKernel(backend, 2, reps: 2, scale: 1, offset: 0), c: 10).Fit(split.Train);
        var accuracy = QuantumKernelSvm.Accuracy(svm.Predict(split.Test), split.Test.Labels!);

        TestContext.Out.WriteLine($"qsvm adhoc: test accuracy {accuracy:0.000}, {svm.Machines[0].SupportVectorCount} support vectors, {watch.Elapsed.TotalSeconds:0.00} s");
        Assert.That(accuracy, Is.GreaterThanOrEqualTo(0.95));
    }

    [Test]
    public void The_vqc_reaches_90_percent_on_the_2_qubit_ad_hoc_dataset_with_gap_0_3()
    {
        using var backend = HybridTestData.Cpu();
        var (split, preparation) = AdHoc();
        var context = new ModelContext(backend, DifferentiationMethod.Auto, 0, 2, 2, ModelTask.Classification);
        var model = new VqcModelFactory().Create(
            ModelOptions.Parse(["feature-reps=2", "ansatz=efficientsu2", "reps=3", "entanglement=full", "scale=1", "offset=0", "readout=parity"]), context);
        var watch = Stopwatch.StartNew();

        var result = new Trainer(model, new TrainingOptions { Epochs = 40, BatchSize = 16, LearningRate = 0.1, Seed = 0 })
            .Fit(split, model.Card with { Dataset = "adhoc", Preprocessing = preparation });

        TestContext.Out.WriteLine($"vqc adhoc: test accuracy {result.Test.Metrics["accuracy"]:0.000} in {watch.Elapsed.TotalSeconds:0.0} s, {model.Card.ParameterCount} parameters");
        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.90), string.Join("\n", result.History));
    }
}
