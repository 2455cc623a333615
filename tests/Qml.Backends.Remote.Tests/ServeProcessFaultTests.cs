using System.Net;
using System.Text.Json.Nodes;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Host.Serve;

namespace Qml.Backends.Remote.Tests;

/// <summary>
/// Faults against the built <c>qml serve</c> as a child process: refused requests leave no
/// record, a server killed mid-job and restarted on the same state directory fails the
/// interrupted job clearly (never re-runs it) and still answers for finished jobs, Ctrl-C
/// stops the server gracefully, and Ctrl-C in <c>qml run</c> cancels its job on the server.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ServeProcessFaultTests
{
    private string _directory = string.Empty;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "qml-serve-child-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task AServerKilledMidJobAndRestartedFailsThatJobClearlyAndStillAnswersForFinishedOnes()
    {
        const string token = "child-process-token";
        var tokenFile = Path.Combine(_directory, "token.txt");
        await File.WriteAllTextAsync(tokenFile, token + "\n");
        var state = Path.Combine(_directory, "state");
        string[] Serve(string listen) => ["serve", "-b", "cpu", "--listen", listen, "--token-file", tokenFile, "--state-dir", state, "--max-request-bytes", "262144", "--max-concurrent-jobs", "1"];

        using var first = QmlChild.Start(null, Serve("127.0.0.1:0"));
        var url = new Uri((await first.WaitForOutputAsync(@"on (http://127\.0\.0\.1:\d+/)", TimeSpan.FromSeconds(60))).Groups[1].Value);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.ExpectContinue = true;
        var ghz = "{\"program_id\":\"sampler\",\"params\":{\"pubs\":[[" + JsonValue.Create("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[3] q;\nh q[0];\ncx q[0], q[1];\ncx q[1], q[2];\n").ToJsonString() + ", null, 50]]}}";

        // Refused requests: no token, a wrong token, an oversized body, a malformed body.
        foreach (var presented in new[] { null, "wrong-token" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/jobs") { Content = LoopbackServer.JsonBody(ghz) };
            if (presented is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", presented);
            }

            using var response = await http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"token {presented ?? "(none)"}");
        }

        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using (var oversized = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(ghz.Replace("h q[0];", "h q[0];//" + new string('x', 300_000), StringComparison.Ordinal))))
        {
            Assert.That(oversized.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(await oversized.Content.ReadAsStringAsync(), Does.Contain("262144"), "the message names the limit");
        }

        using (var malformed = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody("{\"program_id\":\"sampler\",\"params\":{")))
        {
            Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await malformed.Content.ReadAsStringAsync(), Does.Contain("not valid JSON"));
        }

        Assert.That(JobRecordTests.Records(state), Is.Empty, "refused requests leave no record (nothing ran)");

        // A finished job, then a long one the server is killed under.
        var quick = await JobRecordTests.SubmitAsync(http, ghz, "quick-key");
        Assert.That(await ServerProtocolTests.WaitAsync(http, quick), Is.EqualTo("Completed"));
        var quickResults = await http.GetStringAsync($"api/v1/jobs/{quick}/results");

        using var remote = new RemoteBackend(RemoteSettings.Parse(BackendOptions.Parse([$"url={url}", "rate-limit=0", "retries=15", "poll-ms=20"]), token));
        var running = remote.ExecuteAsync(new ExecutionRequest { Circuit = LongCircuit(), Outputs = ResultKinds.Samples, Shots = 10 });
        await JobRecordTests.WaitUntilAsync(() => JobRecordTests.Records(state).Any(r => r["status"]!.GetValue<string>() == "Running"));
        first.Crash();
        var crashed = JobRecordTests.Records(state).Single(r => r["status"]!.GetValue<string>() == "Running");
        var crashedId = crashed["id"]!.GetValue<string>();

        using var second = QmlChild.Start(null, Serve($"127.0.0.1:{url.Port}"));
        await second.WaitForOutputAsync(@"serving backend 'cpu'", TimeSpan.FromSeconds(60));
        var error = Assert.CatchAsync<BackendException>(() => running.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.That(error!.Message, Does.Contain(crashedId).And.Contain("Failed").And.Contain("interrupted"), "the client gets a clear error");

        Assert.That(await http.GetStringAsync($"api/v1/jobs/{quick}/results"), Is.EqualTo(quickResults), "a finished job still answers after the restart");
        Assert.That(await JobRecordTests.SubmitAsync(http, ghz, "quick-key"), Is.EqualTo(quick), "its idempotency key still returns it");
        var records = JobRecordTests.Records(state);
        Assert.That(records.Select(r => r["status"]!.GetValue<string>()).Order(), Is.EqualTo(new[] { "Completed", "Failed" }));
        Assert.That(records.Select(r => r["runs"]!.GetValue<int>()), Is.All.EqualTo(1), "no job ran twice across the crash");

        second.Interrupt();
        Assert.That(await second.WaitForExitAsync(TimeSpan.FromSeconds(20)), Is.True, $"Ctrl-C stops qml serve\n{second}");
        Assert.That(second.ExitCode, Is.Zero, $"a graceful stop\n{second}");
        Assert.That(second.StandardOutput, Does.Contain("stopped"));
    }

    [Test]
    public async Task TheLimitsGivenOnTheCommandLineAreEnforcedAndBadOnesRefused()
    {
        var tokenFile = Path.Combine(_directory, "token.txt");
        await File.WriteAllTextAsync(tokenFile, "limits-token");
        var state = Path.Combine(_directory, "state");
        using (var refused = QmlChild.Start(null, "serve", "--token-file", tokenFile, "--state-dir", state, "--max-qubits", "0"))
        {
            Assert.That(await refused.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.True);
            Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
            Assert.That(refused.StandardError, Does.Contain("--max-qubits 0 must be positive"));
        }

        using var server = QmlChild.Start(null, "serve", "--listen", "127.0.0.1:0", "--token-file", tokenFile, "--state-dir", state, "--max-qubits", "2", "--max-shots", "10", "--concurrency", "2");
        var url = new Uri((await server.WaitForOutputAsync(@"on (http://127\.0\.0\.1:\d+/)", TimeSpan.FromSeconds(60))).Groups[1].Value);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "limits-token");
        static string Job(int qubits, int shots) =>
            "{\"program_id\":\"sampler\",\"params\":{\"pubs\":[[" + JsonValue.Create($"OPENQASM 3.0;\nqubit[{qubits}] q;\n").ToJsonString() + $", null, {shots}]]}}}}";

        foreach (var (body, expected) in new[] { (Job(3, 5), "2"), (Job(2, 11), "1..10") })
        {
            using var response = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(body));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(expected));
        }

        using var accepted = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(Job(2, 10)));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), "at both limits");
    }

    [Test]
    public async Task CtrlCInQmlRunCancelsItsJobOnTheServer()
    {
        using var gated = new GatedBackend();
        await using var server = await LoopbackServer.StartAsync(backend: gated);
        using var client = QmlChild.Start(
            new Dictionary<string, string> { ["QML_REMOTE_TOKEN"] = server.Token },
            "run", "-b", "remote", "-o", $"url={server.Url}", "-o", "rate-limit=0", "-o", "poll-ms=20", "-c", "ghz", "-n", "3", "--shots", "100");
        await gated.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        client.Interrupt();
        Assert.That(await client.WaitForExitAsync(TimeSpan.FromSeconds(20)), Is.True, $"qml run exits after Ctrl-C\n{client}");
        Assert.That(client.ExitCode, Is.EqualTo(2), $"the command saw its token cancelled\n{client}");
        Assert.That(client.StandardError, Does.Contain("cancelled"));
        Assert.That(server.Server.Jobs.Single().Status, Is.EqualTo(JobStatus.Cancelled), $"the client's cancel reached the server before it exited\n{client}");
        Assert.That(JobRecordTests.Records(server.Server.StateDirectory).Single()["status"]!.GetValue<string>(), Is.EqualTo("Cancelled"));
    }

    /// <summary>20 qubits and 1 560 gates: a second or more of work, so the server is still running it when killed (at once).</summary>
    private static Circuit LongCircuit()
    {
        var builder = new CircuitBuilder(20);
        for (var layer = 0; layer < 40; layer++)
        {
            for (var q = 0; q < 20; q++)
            {
                builder.RX(q, 0.1 + (0.01 * layer));
            }

            for (var q = 0; q + 1 < 20; q++)
            {
                builder.CX(q, q + 1);
            }
        }

        return builder.Build();
    }
}
