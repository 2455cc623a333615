using System.Globalization;
using System.Text.Json;

namespace Qml.Host.Tests.Cli;

/// <summary>The kernel SVMs through the CLI: one-shot qml train, eval and predict from the checkpoint, kernel CSV export.</summary>
[NonParallelizable]
public sealed class KernelCliTests
{
    private string _folder = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("qml-kernel-cli-").FullName;

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Qsvm_trains_on_ad_hoc_data_to_95_percent_and_eval_predict_and_the_kernel_csv_work_from_the_checkpoint()
    {
        var run = Path.Combine(_folder, "qsvm");
        var kernels = Path.Combine(_folder, "kernels");

        var train = QmlProcess.Run(
            "train", "--model", "qsvm", "--dataset", "adhoc", "--scaling", "none", "--seed", "0", "-m", "c=10", "-m", "scale=1", "-m", "offset=0",
            "--out", run, "--kernel-csv", kernels, "--format", "json");

        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        using var summary = JsonDocument.Parse(train.StandardOutput);
        var accuracy = summary.RootElement.GetProperty("metrics").GetProperty("test_accuracy").GetDouble();
        Assert.That(accuracy, Is.GreaterThanOrEqualTo(0.95));
        Assert.That(summary.RootElement.GetProperty("epochs").GetInt32(), Is.EqualTo(1));
        Assert.That(summary.RootElement.GetProperty("parameterCount").GetInt32(), Is.GreaterThan(1));
        var gram = File.ReadAllLines(Path.Combine(kernels, "train_kernel.csv"));
        var test = File.ReadAllLines(Path.Combine(kernels, "test_kernel.csv"));
        Assert.That(gram, Has.Length.EqualTo(120), "200 samples split 60/20/20");
        Assert.That(test, Has.Length.EqualTo(40));
        Assert.That(test[0].Split(','), Has.Length.EqualTo(120));
        Assert.That(double.Parse(gram[5].Split(',')[5], CultureInfo.InvariantCulture), Is.EqualTo(1.0));

        var eval = QmlProcess.Run("eval", "--checkpoint", run, "--format", "json");
        Assert.That(eval.ExitCode, Is.Zero, eval.ToString());
        using var evaluated = JsonDocument.Parse(eval.StandardOutput);
        Assert.That(evaluated.RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble(), Is.EqualTo(accuracy));
        var onMps = QmlProcess.Run("eval", "--checkpoint", run, "-b", "mps", "--format", "json");
        Assert.That(onMps.ExitCode, Is.Zero, onMps.ToString());
        using var mps = JsonDocument.Parse(onMps.StandardOutput);
        Assert.That(mps.RootElement.GetProperty("metrics").GetProperty("loss").GetDouble(), Is.EqualTo(evaluated.RootElement.GetProperty("metrics").GetProperty("loss").GetDouble()).Within(1e-9));

        var predict = QmlProcess.Run("predict", "--checkpoint", run, "--features", "1.0,2.0", "--format", "json");
        Assert.That(predict.ExitCode, Is.Zero, predict.ToString());
        using var predicted = JsonDocument.Parse(predict.StandardOutput);
        Assert.That(predicted.RootElement[0].GetProperty("class").GetInt32(), Is.InRange(0, 1));
    }

    [Test]
    public void Rbf_svm_trains_with_the_same_cli_and_kernel_csv_is_refused_for_a_gradient_model()
    {
        var run = Path.Combine(_folder, "rbf");
        var train = QmlProcess.Run("train", "--model", "rbf-svm", "--dataset", "circles", "--out", run, "-m", "gamma=scale", "--format", "json");
        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        using var summary = JsonDocument.Parse(train.StandardOutput);
        Assert.That(summary.RootElement.GetProperty("metrics").GetProperty("test_accuracy").GetDouble(), Is.GreaterThanOrEqualTo(0.95));

        var refused = QmlProcess.Run("train", "--model", "logistic", "--epochs", "1", "--out", Path.Combine(_folder, "logistic"), "--kernel-csv", Path.Combine(_folder, "k"));
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.StandardError, Does.Contain("--kernel-csv").And.Contain("logistic"));
    }
}
