using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Qml.Host.Tests.Cli;

/// <summary>
/// A model trained locally evaluates through <c>--backend remote</c> against the built
/// <c>qml serve</c> (a child process on loopback) with the accuracy of local evaluation, within
/// sampling error.
/// </summary>
[NonParallelizable]
public sealed partial class RemoteEvalCliTests
{
    private const string Token = "remote-eval-token";

    private string _folder = null!;

    private string Run => Path.Combine(_folder, "run");

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _folder = Directory.CreateTempSubdirectory("qml-remote-eval-").FullName;
        var outcome = QmlProcess.Run("train", "--epochs", "4", "--seed", "3", "-d", "samples=200", "--out", Run);
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_trained_model_evaluates_remotely_with_its_local_accuracy_within_sampling_error()
    {
        var tokenFile = Path.Combine(_folder, "token.txt");
        await File.WriteAllTextAsync(tokenFile, Token);
        var state = Path.Combine(_folder, "state");
        using var server = Process.Start(Start("serve", "-b", "cpu", "--listen", "127.0.0.1:0", "--token-file", tokenFile, "--state-dir", state))!;
        try
        {
            var line = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            var url = ServingLine().Match(line ?? string.Empty);
            Assert.That(url.Success, Is.True, $"qml serve printed its address: {line}");

            var local = Eval(null, "--backend", "cpu");
            const int shots = 4000;
            var remote = Eval(
                new Dictionary<string, string> { ["QML_REMOTE_TOKEN"] = Token },
                "--backend", "remote", "-o", $"url={url.Groups[1].Value}", "-o", "rate-limit=0", "-o", $"shots={shots}");

            Assert.That(remote.Backend, Is.EqualTo("remote"));
            Assert.That(remote.Samples, Is.EqualTo(local.Samples));

            // Each prediction reads ⟨Z⟩ from 4000 shots (σ ≤ 1/√4000 ≈ 0.016): only test points that
            // close to the decision boundary can flip, so the accuracies agree within the binomial
            // error of the test split, and the losses nearly so.
            var n = local.Samples;
            var bound = (3 * Math.Sqrt(local.Accuracy * (1 - local.Accuracy) / n)) + (1.0 / n);
            Assert.That(remote.Accuracy, Is.EqualTo(local.Accuracy).Within(bound), $"remote {remote.Accuracy}, local {local.Accuracy}, n {n}");
            Assert.That(remote.Loss, Is.EqualTo(local.Loss).Within(0.05));
            Assert.That(remote.Loss, Is.Not.EqualTo(local.Loss), "the remote loss comes from shots, not from the exact state");

            // The server ran the evaluation: completed jobs, each run once.
            var records = Directory.GetFiles(state, "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!).ToList();
            Assert.That(records, Is.Not.Empty);
            Assert.That(records.Select(r => (r["status"]!.GetValue<string>(), r["runs"]!.GetValue<int>())), Is.All.EqualTo(("Completed", 1)));
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
    }

    [Test]
    public void Bench_remote_reports_jobs_per_second_and_latency_percentiles_per_client_count()
    {
        var outcome = QmlProcess.Run("bench", "remote", "--jobs", "6", "--clients", "1,3", "--poll-ms", "2", "--format", "json");
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("clients").GetInt32()), Is.EqualTo(new[] { 1, 3 }));
        foreach (var row in rows)
        {
            Assert.That(row.GetProperty("jobs").GetInt32(), Is.EqualTo(6));
            Assert.That(row.GetProperty("jobsPerSecond").GetDouble(), Is.GreaterThan(0));
            Assert.That(row.GetProperty("p95Milliseconds").GetDouble(), Is.GreaterThanOrEqualTo(row.GetProperty("p50Milliseconds").GetDouble()));
            Assert.That(row.GetProperty("p50OverLocal").GetDouble(), Is.GreaterThan(0));
        }
    }

    private static ProcessStartInfo Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(QmlProcess.HostAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("QML_PLUGINS");
        return start;
    }

    private EvalOutcome Eval(IReadOnlyDictionary<string, string>? environment, params string[] backend)
    {
        var outcome = QmlProcess.Run(environment, ["eval", "--checkpoint", Run, "--format", "json", .. backend]);
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var metrics = json.RootElement.GetProperty("metrics");
        return new EvalOutcome(
            json.RootElement.GetProperty("backend").GetString()!,
            json.RootElement.GetProperty("samples").GetInt32(),
            metrics.GetProperty("accuracy").GetDouble(),
            metrics.GetProperty("loss").GetDouble());
    }

    [GeneratedRegex(@"on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ServingLine();

    private sealed record EvalOutcome(string Backend, int Samples, double Accuracy, double Loss);
}
