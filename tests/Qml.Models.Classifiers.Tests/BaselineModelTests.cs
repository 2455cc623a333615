using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Training;
using Qml.Models.Classifiers.Baselines;

namespace Qml.Models.Classifiers.Tests;

public sealed class BaselineModelTests
{
    [Test]
    public void Logistic_regression_does_well_on_moons_and_stays_near_chance_on_circles()
    {
        using var backend = HybridTestData.Cpu();
        var options = new TrainingOptions { Epochs = 30, BatchSize = 16, LearningRate = 0.05, Seed = 0 };

        var (moonsModel, moons, moonsCard) = ClassifierTestData.Load(new LogisticModelFactory(), backend, "moons", seed: 0);
        var onMoons = new Trainer(moonsModel, options).Fit(moons, moonsCard).Test.Metrics["accuracy"];
        var (circlesModel, circles, circlesCard) = ClassifierTestData.Load(new LogisticModelFactory(), backend, "circles", seed: 0);
        var onCircles = new Trainer(circlesModel, options).Fit(circles, circlesCard).Test.Metrics["accuracy"];

        TestContext.Out.WriteLine($"logistic: moons {onMoons:0.000}, circles {onCircles:0.000}, {moonsModel.Card.ParameterCount} parameters");
        // Moons are nearly linearly separable; circles are not at all: the baseline shows what the quantum models add.
        Assert.That(onMoons, Is.GreaterThanOrEqualTo(0.80));
        Assert.That(onCircles, Is.LessThanOrEqualTo(0.75));
        Assert.That(moonsModel.Card.ParameterCount, Is.EqualTo((2 * 2) + 2));
    }

    [Test]
    public void A_small_mlp_reaches_95_percent_on_circles_and_90_percent_on_moons()
    {
        using var backend = HybridTestData.Cpu();
        var options = new TrainingOptions { Epochs = 60, BatchSize = 16, LearningRate = 0.05, Seed = 0 };

        var (circlesModel, circles, circlesCard) = ClassifierTestData.Load(new MlpModelFactory(), backend, "circles", seed: 0);
        var onCircles = new Trainer(circlesModel, options).Fit(circles, circlesCard).Test.Metrics["accuracy"];
        var (moonsModel, moons, moonsCard) = ClassifierTestData.Load(new MlpModelFactory(), backend, "moons", seed: 0);
        var onMoons = new Trainer(moonsModel, options).Fit(moons, moonsCard).Test.Metrics["accuracy"];

        TestContext.Out.WriteLine($"mlp: circles {onCircles:0.000}, moons {onMoons:0.000}, {circlesModel.Card.ParameterCount} parameters");
        Assert.That(onCircles, Is.GreaterThanOrEqualTo(0.95));
        Assert.That(onMoons, Is.GreaterThanOrEqualTo(0.90));
        Assert.That(circlesModel.Card.ParameterCount, Is.EqualTo((2 * 8) + 8 + (8 * 2) + 2));
    }

    [Test]
    public void The_mlp_factory_validates_its_options()
    {
        using var backend = HybridTestData.Cpu();
        var context = new ModelContext(backend, DifferentiationMethod.Auto, 0, 3, 4, ModelTask.Classification);

        var model = new MlpModelFactory().Create(ModelOptions.Parse(["hidden=5", "layers=2", "activation=relu"]), context);

        Assert.That(model.Network.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias" }));
        Assert.That(model.Card.ParameterCount, Is.EqualTo((3 * 5) + 5 + (5 * 5) + 5 + (5 * 4) + 4));
        Assert.Throws<Qml.Abstractions.QmlException>(() => new LogisticModelFactory().Create(ModelOptions.Parse(["hidden=3"]), context));
    }
}
