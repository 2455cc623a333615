using System.Text.Json;

namespace Qml.Host.Tests.Cli;

/// <summary>qml attack against checkpoints of qml train, with and without --adversarial-training.</summary>
[NonParallelizable]
public sealed class AttackCliTests
{
    private string _folder = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("qml-attack-cli-").FullName;

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Train(string name, params string[] extra)
    {
        var output = Path.Combine(_folder, name);
        string[] arguments =
        [
            "train", "--model", "vqc", "--dataset", "fragile-feature", "--scaling", "none", "-m", "reps=2", "-m", "input-weights=trainable",
            "--epochs", "40", "--lr", "0.1", "--seed", "0", "--out", output, "--format", "json", .. extra,
        ];
        var outcome = QmlProcess.Run(arguments);
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        return output;
    }

    private static JsonElement Attack(string checkpoint, params string[] extra)
    {
        var outcome = QmlProcess.Run(["attack", "--checkpoint", checkpoint, "--epsilon", "0.1", "--format", "json", .. extra]);
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        return JsonDocument.Parse(outcome.StandardOutput).RootElement.Clone();
    }

    [Test]
    public void Attack_reports_the_fgsm_drop_of_a_plain_vqc_and_the_recovery_after_adversarial_training()
    {
        var plain = Train("plain");
        var robust = Train("robust", "--adversarial-training", "--adversarial-epsilon", "0.1");

        var plainFgsm = Attack(plain);
        var robustFgsm = Attack(robust);
        var robustPgd = Attack(robust, "--method", "pgd", "--steps", "5");
        // Input gradients by parameter shifts (and on the MPS backend) craft the same examples as the adjoint.
        var shifted = Attack(robust, "--diff", "parameter-shift", "-b", "mps");

        Assert.That(plainFgsm.GetProperty("method").GetString(), Is.EqualTo("fgsm"));
        Assert.That(plainFgsm.GetProperty("samples").GetInt32(), Is.EqualTo(120));
        Assert.That(plainFgsm.GetProperty("cleanAccuracy").GetDouble(), Is.GreaterThanOrEqualTo(0.95));
        Assert.That(plainFgsm.GetProperty("adversarialAccuracy").GetDouble(), Is.LessThanOrEqualTo(plainFgsm.GetProperty("cleanAccuracy").GetDouble() - 0.05));
        Assert.That(robustFgsm.GetProperty("adversarialAccuracy").GetDouble(), Is.GreaterThanOrEqualTo(plainFgsm.GetProperty("adversarialAccuracy").GetDouble() + 0.3));
        Assert.That(robustPgd.GetProperty("steps").GetInt32(), Is.EqualTo(5));
        Assert.That(shifted.GetProperty("backend").GetString(), Is.EqualTo("mps"));
        Assert.That(shifted.GetProperty("adversarialLoss").GetDouble(), Is.EqualTo(robustFgsm.GetProperty("adversarialLoss").GetDouble()).Within(1e-9));
        Assert.That(robustPgd.GetProperty("adversarialTrainingEpsilon").GetDouble(), Is.EqualTo(0.1));
        Assert.That(plainFgsm.GetProperty("adversarialTrainingEpsilon").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(File.ReadAllText(Path.Combine(plain, "model.json")), Does.Not.Contain("adversarialEpsilon"));
        Assert.That(File.ReadAllText(Path.Combine(robust, "model.json")), Does.Contain("\"adversarialEpsilon\": 0.1"));
        Assert.That(robustPgd.GetProperty("stepSize").GetDouble(), Is.EqualTo(0.025));
        Assert.That(robustPgd.GetProperty("adversarialAccuracy").GetDouble(), Is.LessThanOrEqualTo(robustPgd.GetProperty("cleanAccuracy").GetDouble()));

        var table = QmlProcess.Run("attack", "--checkpoint", plain, "--epsilon", "0.1", "--dataset", "fragile-feature", "-d", "samples=50", "-d", "seed=9");
        Assert.That(table.ExitCode, Is.Zero, table.ToString());
        Assert.That(table.StandardOutput, Does.Contain("50 samples of fragile-feature").And.Contain("ADVERSARIAL").And.Contain("accuracy"));
    }

    [Test]
    public void Attack_refuses_kernel_models_and_bad_options_with_a_clear_message()
    {
        var kernel = Path.Combine(_folder, "rbf");
        var train = QmlProcess.Run("train", "--model", "rbf-svm", "--dataset", "moons", "-d", "samples=60", "--out", kernel);
        Assert.That(train.ExitCode, Is.Zero, train.ToString());

        var refused = QmlProcess.Run("attack", "--checkpoint", kernel, "--epsilon", "0.1");
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.StandardError, Does.Contain("rbf-svm").And.Contain("does not pass gradients"));

        var method = QmlProcess.Run("attack", "--checkpoint", kernel, "--method", "cw");
        Assert.That(method.StandardError, Does.Contain("cw").And.Contain("fgsm, pgd"));

        var adversarialKernel = QmlProcess.Run("train", "--model", "rbf-svm", "--dataset", "moons", "--out", Path.Combine(_folder, "rbf2"), "--adversarial-training");
        Assert.That(adversarialKernel.ExitCode, Is.Not.Zero);
        Assert.That(adversarialKernel.StandardError, Does.Contain("--adversarial-training").And.Contain("one shot"));

        var gradientFree = QmlProcess.Run("train", "--model", "logistic", "--epochs", "1", "--out", Path.Combine(_folder, "spsa"), "--adversarial-training", "--optimizer", "spsa");
        Assert.That(gradientFree.ExitCode, Is.Not.Zero);
        Assert.That(gradientFree.StandardError, Does.Contain("spsa").And.Contain("gradient optimizer"));

        var radiusOnly = QmlProcess.Run("train", "--model", "logistic", "--epochs", "1", "--out", Path.Combine(_folder, "radius"), "--adversarial-epsilon", "0.2");
        Assert.That(radiusOnly.ExitCode, Is.Not.Zero);
        Assert.That(radiusOnly.StandardError, Does.Contain("add --adversarial-training"));
    }
}
