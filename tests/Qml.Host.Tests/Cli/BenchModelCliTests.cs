using System.Text.Json;

namespace Qml.Host.Tests.Cli;

/// <summary><c>qml bench model</c>: any registered model's training step timed beside baselines in one run.</summary>
[NonParallelizable]
public sealed class BenchModelCliTests
{
    [Test]
    public void Times_the_model_and_each_baseline_with_their_parameter_counts()
    {
        var outcome = QmlProcess.Run(
            "bench", "model", "--model", "qkan", "-m", "hidden=2", "--batch", "16", "--warmup", "1", "--steps", "2",
            "--baseline", "mlp:hidden=2", "--baseline", "mlp:hidden=3", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.GetProperty("model").GetString()), Is.EqualTo(new[] { "qkan", "mlp", "mlp" }));

            // QKAN [1, 2, 1]: 2 layers × 2 edges × 2(r+1) theta; MLP [1, h, 1]: 3h + 1.
            Assert.That(rows.Select(r => r.GetProperty("parameters").GetInt32()), Is.EqualTo(new[] { 2 * 2 * 8, 7, 10 }));
            Assert.That(rows.Select(r => r.GetProperty("batch").GetInt32()), Is.All.EqualTo(16));
            Assert.That(rows.Select(r => r.GetProperty("samplesPerSecond").GetDouble()), Is.All.GreaterThan(0));
            Assert.That(rows[0].GetProperty("ratioToFirst").GetDouble(), Is.EqualTo(1.0));
            Assert.That(rows[2].GetProperty("options").GetProperty("hidden").GetString(), Is.EqualTo("3"));
        });
    }

    [Test]
    public void An_unknown_baseline_is_refused_by_name()
    {
        var outcome = QmlProcess.Run("bench", "model", "--model", "qkan", "--batch", "8", "--steps", "1", "--baseline", "no-such-model");

        Assert.That(outcome.ExitCode, Is.Not.Zero, outcome.ToString());
        Assert.That(outcome.StandardError, Does.Contain("no-such-model"));
    }
}
