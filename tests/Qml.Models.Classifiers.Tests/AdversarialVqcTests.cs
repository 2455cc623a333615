using System.Diagnostics;
using Qml.Learning.Adversarial;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Training;
using Qml.Models.Classifiers.Data;
using Qml.Models.Classifiers.Vqc;

namespace Qml.Models.Classifiers.Tests;

public sealed class AdversarialVqcTests
{
    private static (IModel Model, RobustnessEvaluation Fgsm, RobustnessEvaluation Pgd) TrainAndAttack(double adversarialEpsilon, int seed = 0)
    {
        using var backend = HybridTestData.Cpu();
        var raw = new FragileFeatureDatasetProvider().Load(DatasetOptions.Default.With("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var (split, preparation) = DataPreparation.Fit(raw, seed, "none");
        var context = new ModelContext(backend, DifferentiationMethod.Auto, seed, 2, 2, ModelTask.Classification);
        var model = new VqcModelFactory().Create(ModelOptions.Parse(["reps=2", "input-weights=trainable"]), context);
        new Trainer(model, new TrainingOptions { Epochs = 40, BatchSize = 16, LearningRate = 0.1, Seed = seed, AdversarialEpsilon = adversarialEpsilon })
            .Fit(split, model.Card with { Dataset = raw.Name, Preprocessing = preparation });
        return (model,
            RobustnessEvaluation.Of(model, split.Test, new AttackOptions { Epsilon = 0.1 }),
            RobustnessEvaluation.Of(model, split.Test, new AttackOptions { Epsilon = 0.1, Method = "pgd", Steps = 10 }));
    }

    [Test]
    public void Fgsm_at_0_1_breaks_a_plain_vqc_that_leans_on_a_fragile_feature_and_adversarial_training_recovers_most_of_it()
    {
        var watch = Stopwatch.StartNew();
        var (plainModel, plain, plainPgd) = TrainAndAttack(0);
        var (robustModel, robust, robustPgd) = TrainAndAttack(0.1);

        TestContext.Out.WriteLine(
            $"vqc fragile-feature: plain clean {plain.Clean.Metrics["accuracy"]:0.000} fgsm {plain.Adversarial.Metrics["accuracy"]:0.000} pgd {plainPgd.Adversarial.Metrics["accuracy"]:0.000}; " +
            $"adversarially trained clean {robust.Clean.Metrics["accuracy"]:0.000} fgsm {robust.Adversarial.Metrics["accuracy"]:0.000} pgd {robustPgd.Adversarial.Metrics["accuracy"]:0.000}; {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.That(plain.Clean.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.95));
        Assert.That(plain.Adversarial.Metrics["accuracy"], Is.LessThanOrEqualTo(plain.Clean.Metrics["accuracy"] - 0.05), "FGSM lowers accuracy measurably");
        Assert.That(robust.Adversarial.Metrics["accuracy"], Is.GreaterThanOrEqualTo(plain.Adversarial.Metrics["accuracy"] + 0.3), "adversarial training recovers");
        Assert.That(robustPgd.Adversarial.Metrics["accuracy"], Is.GreaterThanOrEqualTo(plainPgd.Adversarial.Metrics["accuracy"] + 0.3), "also against PGD");
        Assert.That(robust.Clean.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.9), "at a small cost in clean accuracy");
        // The mechanism: the adversarially trained model turns its weight on the fragile feature down relative to the robust one.
        double Ratio(IModel m)
        {
            var w = m.Network.Parameters()[0].Value.Data;
            return Math.Abs(w[0]) / Math.Abs(w[1]);
        }

        Assert.That(Ratio(robustModel), Is.LessThan(Ratio(plainModel)));
    }

    [Test]
    public void The_vqc_input_gradient_through_the_zz_map_and_quantum_layer_matches_central_differences()
    {
        using var backend = HybridTestData.Cpu();
        var context = new ModelContext(backend, DifferentiationMethod.Auto, 3, 3, 2, ModelTask.Classification);
        var model = new VqcModelFactory().Create(ModelOptions.Parse(["reps=2", "feature-reps=2", "input-weights=trainable"]), context);
        var features = new double[] { 0.2, -0.4, 0.9, -0.7, 0.1, 0.5 };
        var batch = new DatasetBatch([0, 1], features, 3, [1, 0], null, 0);

        var (gradient, _) = Attacks.InputGradient(model, batch);

        const double h = 1e-5;
        for (var i = 0; i < features.Length; i++)
        {
            var up = (double[])features.Clone();
            var down = (double[])features.Clone();
            up[i] += h;
            down[i] -= h;
            var numeric = (Attacks.InputGradient(model, batch, up).Loss - Attacks.InputGradient(model, batch, down).Loss) / (2 * h);
            Assert.That(gradient[i], Is.EqualTo(numeric).Within(1e-7), $"feature {i}");
        }
    }
}
