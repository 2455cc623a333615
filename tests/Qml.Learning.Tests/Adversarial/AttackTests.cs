using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Observables;
using Qml.Learning.Adversarial;
using Qml.Learning.Data;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Learning.Tests.Quantum;
using Qml.Learning.Training;

namespace Qml.Learning.Tests.Adversarial;

public sealed class AttackTests
{
    /// <summary>A classifier with any network, scored by ModelBase's cross-entropy.</summary>
    private sealed class NetworkModel(Module network, int features) : ModelBase
    {
        public override ModelCard Card { get; } = new() { ModelId = "test", Task = ModelTask.Classification, InputFeatures = features, Outputs = 2 };

        public override Module Network => network;
    }

    /// <summary>Two angles in, RY(1.3·x0)·RX(x1 − 0.4) with trainable rotations between, ⟨Z0⟩ and ⟨Z1⟩ out as logits.</summary>
    private static NetworkModel QuantumModel(Qml.Abstractions.Execution.IBackend backend)
    {
        var builder = new CircuitBuilder(2, name: "attack-test");
        var x0 = builder.Input("x0");
        var x1 = builder.Input("x1");
        builder.RY(0, 1.3 * x0).RX(1, x1 - 0.4).RY(0, builder.Weight("a")).CX(0, 1).RY(1, builder.Weight("b")).RZ(0, builder.Weight("c")).RX(0, builder.Weight("d"));
        var layer = new QuantumLayer(builder.Build(), [Observable.Z(0), Observable.Z(1)], backend, new Random(4));
        return new NetworkModel(new Sequential(new Dense(2, 2, new Random(1)), new Tanh(), layer), 2);
    }

    private static DatasetBatch Batch(double[] features, int[] labels) =>
        new([.. Enumerable.Range(0, labels.Length)], features, features.Length / labels.Length, labels, null, 0);

    [Test]
    public void The_input_gradient_through_dense_and_quantum_layers_matches_central_differences()
    {
        using var backend = QuantumTestCircuits.Cpu();
        var model = QuantumModel(backend);
        var batch = Batch([0.3, -0.7, 1.1, 0.2, -0.5, 0.9], [0, 1, 1]);

        var (gradient, loss) = Attacks.InputGradient(model, batch);

        const double h = 1e-5;
        for (var i = 0; i < batch.Features.Length; i++)
        {
            var up = (double[])batch.Features.Clone();
            var down = (double[])batch.Features.Clone();
            up[i] += h;
            down[i] -= h;
            var numeric = (Attacks.InputGradient(model, batch, up).Loss - Attacks.InputGradient(model, batch, down).Loss) / (2 * h);
            Assert.That(gradient[i], Is.EqualTo(numeric).Within(1e-7), $"feature {i}");
        }

        Assert.That(loss, Is.GreaterThan(0));
        Assert.That(gradient.Max(Math.Abs), Is.GreaterThan(1e-3));
        Assert.That(model.Network.Parameters().Select(p => p.Value.Grad), Is.All.Null, "attacks leave no parameter gradients behind");
    }

    [Test]
    public void Fgsm_moves_every_feature_by_epsilon_along_the_gradient_sign_and_raises_the_loss()
    {
        using var backend = QuantumTestCircuits.Cpu();
        var model = QuantumModel(backend);
        var batch = Batch([0.3, -0.7, 1.1, 0.2, -0.5, 0.9], [0, 1, 1]);
        var (gradient, clean) = Attacks.InputGradient(model, batch);

        var adversarial = Attacks.Fgsm(model, batch, 0.05);

        for (var i = 0; i < adversarial.Length; i++)
        {
            Assert.That(adversarial[i] - batch.Features[i], Is.EqualTo(0.05 * Math.Sign(gradient[i])).Within(1e-15));
        }

        Assert.That(Attacks.InputGradient(model, batch, adversarial).Loss, Is.GreaterThan(clean));
    }

    [Test]
    public void Pgd_stays_in_the_epsilon_ball_and_does_at_least_as_well_as_fgsm_on_a_linear_model()
    {
        var model = new NetworkModel(new Sequential(new Dense(2, 2, new Random(3))), 2);
        var batch = Batch([0.3, -0.7, 1.1, 0.2, -0.5, 0.9, 0.1, 0.1], [0, 1, 1, 0]);

        var fgsm = Attacks.Fgsm(model, batch, 0.2);
        var pgd = Attacks.Pgd(model, batch, 0.2, steps: 10, stepSize: 0.05, randomStartSeed: 3);

        for (var i = 0; i < pgd.Length; i++)
        {
            Assert.That(Math.Abs(pgd[i] - batch.Features[i]), Is.LessThanOrEqualTo(0.2 + 1e-12));
        }

        // On a linear model the loss is convex in x and FGSM's corner is optimal per sample; PGD must reach it.
        Assert.That(Attacks.InputGradient(model, batch, pgd).Loss, Is.EqualTo(Attacks.InputGradient(model, batch, fgsm).Loss).Within(1e-9));
    }

    [Test]
    public void Robustness_evaluation_reports_clean_and_attacked_accuracy_and_refuses_models_without_input_gradients()
    {
        var model = new NetworkModel(new Sequential(new Dense(1, 2, new Random(0))), 1);
        var weights = model.Network.Parameters();
        // logits = [−x, x]: class 1 iff x > 0.
        weights[0].Value.Data[0] = -1;
        weights[0].Value.Data[1] = 1;
        weights[1].Value.Data.Clear();
        var data = Dataset.ForClassification("line", [-1.0, -0.05, 0.05, 1.0], 1, [0, 0, 1, 1], 2);

        var report = RobustnessEvaluation.Of(model, data, new AttackOptions { Epsilon = 0.1 }, batchSize: 3);

        Assert.That(report.Clean.Metrics["accuracy"], Is.EqualTo(1.0));
        Assert.That(report.Adversarial.Metrics["accuracy"], Is.EqualTo(0.5), "the two points within 0.1 of the boundary flip");
        Assert.That(report.Adversarial.Loss, Is.GreaterThan(report.Clean.Loss));
        var error = Assert.Throws<QmlException>(() => Attacks.Fgsm(new NetworkModel(new Detached(), 1), Batch([0.5], [1]), 0.1));
        Assert.That(error!.Message, Does.Contain("does not pass gradients"));
        Assert.Throws<QmlException>(() => new AttackOptions { Method = "cw" }.Validate());
    }

    [Test]
    public void Adversarial_training_makes_a_linear_classifier_robust_when_a_tiny_feature_predicts_perfectly()
    {
        // x0 = ±0.05 separates the classes exactly but an ε = 0.1 attack flips it; x1 = ±0.5 + noise is
        // robust but noisy. Plain training leans on x0; FGSM examples teach the model to use x1.
        var random = new Random(7);
        const int n = 400;
        var features = new double[n * 2];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            var sign = labels[i] == 1 ? 1 : -1;
            features[2 * i] = sign * 0.05;
            features[(2 * i) + 1] = (sign * 0.5) + (0.3 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        var (split, _) = DataPreparation.Fit(Dataset.ForClassification("features", features, 2, labels, 2), 0, "none");
        double Robust(double epsilon)
        {
            var model = new NetworkModel(new Sequential(new Dense(2, 2, new Random(0))), 2);
            new Trainer(model, new TrainingOptions { Epochs = 30, LearningRate = 0.1, Seed = 0, AdversarialEpsilon = epsilon, WriteReports = false })
                .Fit(split, model.Card);
            return RobustnessEvaluation.Of(model, split.Test, new AttackOptions { Epsilon = 0.1 }).Adversarial.Metrics["accuracy"];
        }

        var plain = Robust(0);
        var trained = Robust(0.1);

        TestContext.Out.WriteLine($"FGSM accuracy: plain {plain:0.000}, adversarially trained {trained:0.000}");
        Assert.That(trained, Is.GreaterThan(plain + 0.05));
    }

    private sealed class Detached : Module
    {
        public override Tensor Forward(Tensor input) => Tensor.FromArray(input.Shape is [var rows, _] ? [rows, 2] : [1, 2], new double[input.Dim(0) * 2]);
    }
}
