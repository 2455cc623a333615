using System.Diagnostics;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Training;
using Qml.Models.Classifiers.Vqc;

namespace Qml.Models.Classifiers.Tests;

public sealed class VqcModelTests
{
    /// <summary>Noisy XOR, min–max scaled and mapped to [0, π] by the model's default scale and offset.</summary>
    [Test]
    public void The_vqc_reaches_90_percent_test_accuracy_on_noisy_xor_in_0_to_pi()
    {
        using var backend = HybridTestData.Cpu();
        var (model, data, card) = ClassifierTestData.Load(
            new VqcModelFactory(), backend, "xor", seed: 0, options: ModelOptions.Parse(["reps=2"]), scaling: "minmax", datasetOptions: ["noise", "0.15"]);
        var watch = Stopwatch.StartNew();

        var result = new Trainer(model, new TrainingOptions { Epochs = 40, BatchSize = 16, LearningRate = 0.1, Seed = 0 }).Fit(data, card);

        TestContext.Out.WriteLine($"vqc xor: test accuracy {result.Test.Metrics["accuracy"]:0.000} in {watch.Elapsed.TotalSeconds:0.0} s, {model.Card.ParameterCount} parameters");
        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.90), string.Join("\n", result.History));
    }

    [Test]
    public void The_vqc_learns_two_moons_well_above_chance_with_per_class_z_readout()
    {
        using var backend = HybridTestData.Cpu();
        var (model, data, card) = ClassifierTestData.Load(
            new VqcModelFactory(), backend, "moons", seed: 0, options: ModelOptions.Parse(["readout=z"]), scaling: "minmax");

        var result = new Trainer(model, new TrainingOptions { Epochs = 40, BatchSize = 16, LearningRate = 0.05, Seed = 0 }).Fit(data, card);

        // Two qubits and a fixed ZZ map are a weak model for moons (measured 0.775); the bar records that, not 90%.
        TestContext.Out.WriteLine($"vqc moons: test accuracy {result.Test.Metrics["accuracy"]:0.000}");
        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.72), string.Join("\n", result.History));
    }

    [Test]
    public void A_gentler_feature_map_and_an_efficientsu2_ansatz_take_the_vqc_past_90_percent_on_two_moons()
    {
        // scale 0.8 maps [−1, 1] into [0.77, 2.37] instead of [0, π]: the ZZ products vary less, and the
        // decision function is smoother; EfficientSU2 with 4 repetitions gives the ansatz room. Measured
        // 0.950, and 1.000 / 0.975 / 1.000 with seeds 1–3 (the CLI command of docs/classifiers.md).
        using var backend = HybridTestData.Cpu();
        var (model, data, card) = ClassifierTestData.Load(
            new VqcModelFactory(), backend, "moons", seed: 0, options: ModelOptions.Parse(["scale=0.8", "ansatz=efficientsu2", "reps=4"]), scaling: "minmax");

        var result = new Trainer(model, new TrainingOptions { Epochs = 40, BatchSize = 16, LearningRate = 0.1, Seed = 0 }).Fit(data, card);

        TestContext.Out.WriteLine($"vqc moons (scale 0.8, efficientsu2 ×4): test accuracy {result.Test.Metrics["accuracy"]:0.000}, {model.Card.ParameterCount} parameters");
        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.9), string.Join("\n", result.History));
    }

    [Test]
    public void The_circuit_is_the_zz_feature_map_then_the_chosen_ansatz()
    {
        var settings = new VqcSettings(2, "efficientsu2", 2, "linear", "auto", 1, 0);
        var pairs = VqcModel.Pairs(3, "full");

        var circuit = VqcModel.Circuit(settings, 3, pairs);

        Assert.That(pairs, Is.EqualTo(new[] { (0, 1), (0, 2), (1, 2) }));
        Assert.That(VqcModel.Pairs(4, "circular"), Is.EqualTo(new[] { (0, 1), (1, 2), (2, 3), (3, 0) }));
        Assert.That(VqcModel.Pairs(4, "linear"), Has.Count.EqualTo(3));
        Assert.That(circuit.Symbols.Where(s => s.Role == SymbolRole.Input).Select(s => s.Name), Is.EqualTo(new[] { "x0", "x1", "x2", "z0_1", "z0_2", "z1_2" }));
        // EfficientSU2: (reps + 1) rotation layers of RY and RZ on each of 3 qubits.
        Assert.That(circuit.Symbols.Count(s => s.Role == SymbolRole.Weight), Is.EqualTo(3 * 2 * 3));
    }

    [Test]
    public void The_factory_counts_parameters_and_rejects_impossible_readouts()
    {
        using var backend = HybridTestData.Cpu();
        var factory = new VqcModelFactory();
        var binary = new ModelContext(backend, DifferentiationMethod.Auto, 0, 2, 2, ModelTask.Classification);
        var threeClasses = new ModelContext(backend, DifferentiationMethod.Auto, 0, 2, 3, ModelTask.Classification);

        var model = factory.Create(ModelOptions.Parse(["reps=3"]), binary);

        Assert.That(factory.Describe().Options.Select(o => o.Name), Is.EqualTo(new[] { "feature-reps", "ansatz", "reps", "entanglement", "readout", "scale", "offset", "input-weights" }));
        Assert.That(model.Network.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "1.weights", "2.scale" }));
        Assert.That(model.Card.ParameterCount, Is.EqualTo((4 * 2) + 1));
        Assert.That(Assert.Throws<QmlException>(() => factory.Create(ModelOptions.Parse(["readout=parity"]), threeClasses))!.Message, Does.Contain("2 classes"));
        Assert.That(Assert.Throws<QmlException>(() => factory.Create(ModelOptions.Default, threeClasses))!.Message, Does.Contain("3 classes and 2 qubits"));
    }
}
