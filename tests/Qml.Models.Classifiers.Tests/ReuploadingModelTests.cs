using System.Diagnostics;
using Qml.Learning.Models;
using Qml.Learning.Training;
using Qml.Models.Classifiers.Reuploading;

namespace Qml.Models.Classifiers.Tests;

public sealed class ReuploadingModelTests
{
    [Test]
    public void The_reuploading_classifier_reaches_90_percent_test_accuracy_on_circles()
    {
        using var backend = HybridTestData.Cpu();
        var (model, data, card) = ClassifierTestData.Load(new ReuploadingModelFactory(), backend, "circles", seed: 0);
        var watch = Stopwatch.StartNew();

        var result = new Trainer(model, new TrainingOptions { Epochs = 30, BatchSize = 16, LearningRate = 0.05, Seed = 0 }).Fit(data, card);

        TestContext.Out.WriteLine($"reuploading circles: test accuracy {result.Test.Metrics["accuracy"]:0.000} in {watch.Elapsed.TotalSeconds:0.0} s, {model.Card.ParameterCount} parameters");
        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.90), string.Join("\n", result.History));
    }

    [Test]
    public void One_qubit_separates_three_angular_sectors_with_at_least_90_percent_test_accuracy()
    {
        using var backend = HybridTestData.Cpu();
        var random = new Random(5);
        const int n = 300;
        var features = new double[2 * n];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            var r = Math.Sqrt(random.NextDouble());
            var phi = 2 * Math.PI * random.NextDouble();
            features[2 * i] = r * Math.Cos(phi);
            features[(2 * i) + 1] = r * Math.Sin(phi);
            labels[i] = (int)(phi / (2 * Math.PI / 3));
        }

        var raw = Qml.Learning.Data.Dataset.ForClassification("sectors", features, 2, labels, 3);
        var (data, preparation) = DataPreparation.Fit(raw, 0);
        var context = new ModelContext(backend, Qml.Learning.Quantum.DifferentiationMethod.Auto, 0, 2, 3, ModelTask.Classification);
        var model = new ReuploadingModelFactory().Create(ModelOptions.Parse(["qubits=1", "layers=4"]), context);

        var result = new Trainer(model, new TrainingOptions { Epochs = 40, BatchSize = 16, LearningRate = 0.05, Seed = 0 })
            .Fit(data, model.Card with { Dataset = "sectors", Preprocessing = preparation });

        TestContext.Out.WriteLine($"reuploading 3 sectors, 1 qubit: test accuracy {result.Test.Metrics["accuracy"]:0.000}, {model.Card.ParameterCount} parameters");
        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.90), string.Join("\n", result.History));
    }

    [Test]
    public void The_factory_describes_its_options_and_counts_parameters()
    {
        using var backend = HybridTestData.Cpu();
        var factory = new ReuploadingModelFactory();
        var context = new ModelContext(backend, Qml.Learning.Quantum.DifferentiationMethod.Auto, 0, 2, 3, ModelTask.Classification);

        var model = factory.Create(ModelOptions.Parse(["qubits=1", "layers=3"]), context);

        Assert.That(factory.Describe().Options.Select(o => o.Name), Is.EqualTo(new[] { "qubits", "layers", "readout" }));
        Assert.That(factory.Describe().DefaultDataset, Is.EqualTo("circles"));
        // w and b for 3 layers × 1 qubit × 2 features, one final RY, Bloch (3) → 3 classes dense.
        Assert.That(model.Card.ParameterCount, Is.EqualTo(6 + 6 + 1 + (3 * 3) + 3));
        Assert.That(model.Network.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "1.weights", "2.weight", "2.bias" }));
    }
}
