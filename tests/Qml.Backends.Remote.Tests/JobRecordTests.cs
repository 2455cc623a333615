using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Host.Serve;

namespace Qml.Backends.Remote.Tests;

/// <summary>Job records on disk: what they hold, and what a restarted server answers from them.</summary>
[TestFixture]
public sealed class JobRecordTests
{
    private const string Ghz = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[3] q;\nh q[0];\ncx q[0], q[1];\ncx q[1], q[2];\n";

    private static string Body(int shots) =>
        "{\"program_id\":\"sampler\",\"backend\":\"cpu\",\"params\":{\"pubs\":[[" + JsonValue.Create(Ghz).ToJsonString()
        + ", null, " + shots.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]],\"options\":{\"simulator\":{\"seed_simulator\":5}}}}";

    [Test]
    public async Task AFinishedJobsRecordHoldsItsKeyTransitionsHashAndResults()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var http = server.Http();
        var body = Body(40);
        var id = await SubmitAsync(http, body, "key-A");
        Assert.That(await ServerProtocolTests.WaitAsync(http, id), Is.EqualTo("Completed"));

        var files = Directory.GetFiles(server.Server.StateDirectory, "*.json");
        Assert.That(files.Select(Path.GetFileName), Is.EqualTo(new[] { id + ".json" }), "one record per job, named by its id");
        var record = JsonNode.Parse(File.ReadAllText(files[0]))!;
        Assert.That(record["id"]!.GetValue<string>(), Is.EqualTo(id));
        Assert.That(record["idempotency_key"]!.GetValue<string>(), Is.EqualTo("key-A"));
        Assert.That(record["status"]!.GetValue<string>(), Is.EqualTo("Completed"));
        Assert.That(record["transitions"]!.AsArray().Select(t => t!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "Queued", "Running", "Completed" }));
        Assert.That(record["program_hash"]!.GetValue<string>(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))));
        Assert.That(record["runs"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(record["request"], Is.Null, "a finished job keeps the hash, not the body");
        Assert.That(record["results"]!["results"]![0]!["data"]!["meas"]!["counts"]![0]!.AsObject().Select(p => p.Key), Is.SubsetOf(new[] { "000", "111" }));
        Assert.That(Directory.GetFiles(server.Server.StateDirectory, "*.tmp", SearchOption.AllDirectories), Is.Empty, "no temporary file is left behind");
    }

    [Test]
    public async Task ARestartedServerAnswersForFinishedJobsAndHonoursTheirIdempotencyKeys()
    {
        var state = LoopbackServer.NewStateDirectory();
        try
        {
            string id;
            string results;
            await using (var first = await LoopbackServer.StartAsync(new ServeOptions { StateDirectory = state }))
            {
                using var http = first.Http();
                id = await SubmitAsync(http, Body(30), "key-B");
                Assert.That(await ServerProtocolTests.WaitAsync(http, id), Is.EqualTo("Completed"));
                results = await http.GetStringAsync($"api/v1/jobs/{id}/results");
            }

            await using var second = await LoopbackServer.StartAsync(new ServeOptions { StateDirectory = state }, token: "another-token");
            using var again = second.Http();
            var status = JsonNode.Parse(await again.GetStringAsync($"api/v1/jobs/{id}"))!;
            Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("Completed"));
            Assert.That(await again.GetStringAsync($"api/v1/jobs/{id}/results"), Is.EqualTo(results), "the same results after the restart");
            Assert.That(await SubmitAsync(again, Body(30), "key-B"), Is.EqualTo(id), "a key seen before the restart returns its job");
            Assert.That((second.Server.Executions, second.Server.JobCount), Is.EqualTo((0L, 1)), "nothing ran again");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Test]
    public async Task AServerStoppedMidJobFailsTheRunningJobClearlyAndRunsTheQueuedOneAfterTheRestart()
    {
        var state = LoopbackServer.NewStateDirectory();
        using var gated = new GatedBackend();
        using var open = new GatedBackend(open: true);
        try
        {
            var first = await LoopbackServer.StartAsync(new ServeOptions { StateDirectory = state }, gated);
            var port = first.Url.Port;
            using var remote = first.CreateRemote("retries=15", "poll-ms=10");
            var circuit = new CircuitBuilder(2).H(0).CX(0, 1).Build();
            var running = remote.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 50, Seed = 1 });
            await gated.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
            var queued = remote.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 60, Seed = 2 });
            await WaitUntilAsync(() => first.Server.JobCount == 2);
            await first.DisposeAsync();

            var records = Records(state);
            Assert.That(records.Select(r => r["status"]!.GetValue<string>()).Order(), Is.EqualTo(new[] { "Failed", "Queued" }), "records after the stop");

            await using var second = await LoopbackServer.StartAsync(new ServeOptions { StateDirectory = state }, open, first.Token, port);
            var error = Assert.CatchAsync<BackendException>(() => running);
            Assert.That(error!.Message, Does.Contain("Failed").And.Contain("interrupted").And.Contain("not re-run"));
            var result = await queued.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.That(result.Samples!.Shots, Is.EqualTo(60), "the queued job ran after the restart");

            records = Records(state);
            Assert.That(records.Select(r => r["status"]!.GetValue<string>()).Order(), Is.EqualTo(new[] { "Completed", "Failed" }));
            Assert.That(records.Select(r => r["runs"]!.GetValue<int>()), Is.All.EqualTo(1), "each job started exactly once over both servers");
            Assert.That(open.Calls, Is.EqualTo(1), "only the queued job ran on the restarted server");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Test]
    public async Task ARunningRecordLeftByACrashIsFailedOnRestartAndAQueuedOneRuns()
    {
        var state = LoopbackServer.NewStateDirectory();
        Directory.CreateDirectory(state);
        try
        {
            var crashed = new SamplerJob("a".PadRight(32, '0'), "key-run", (JsonObject)JsonNode.Parse(Body(10))!, "h1", null, 1);
            Assert.That(crashed.TryStart(), Is.True);
            var waiting = new SamplerJob("b".PadRight(32, '0'), "key-wait", (JsonObject)JsonNode.Parse(Body(10))!, "h2", null, 2);
            var store = new JobStore(state);
            store.Save(crashed);
            store.Save(waiting);

            await using var server = await LoopbackServer.StartAsync(new ServeOptions { StateDirectory = state });
            using var http = server.Http();
            var status = JsonNode.Parse(await http.GetStringAsync($"api/v1/jobs/{crashed.Id}"))!;
            Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("Failed"));
            Assert.That(status["state"]!["reason"]!.GetValue<string>(), Does.Contain("interrupted").And.Contain("not re-run"));
            Assert.That(await ServerProtocolTests.WaitAsync(http, waiting.Id), Is.EqualTo("Completed"));
            Assert.That(server.Server.Executions, Is.EqualTo(1L), "only the job that never started ran");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Test]
    public async Task WhenRecordsCannotBeWrittenTheRunningJobFailsClearlyAndNewSubmitsGet503()
    {
        using var gated = new GatedBackend();
        await using var server = await LoopbackServer.StartAsync(backend: gated);
        var state = server.Server.StateDirectory;
        try
        {
            using var http = server.Http();
            var id = await SubmitAsync(http, Body(10), "key-io");
            await gated.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

            // The state directory becomes a file: every further record write fails.
            Directory.Delete(state, recursive: true);
            await File.WriteAllTextAsync(state, "not a directory");
            gated.Open();

            Assert.That(await ServerProtocolTests.WaitAsync(http, id), Is.EqualTo("Failed"));
            var status = JsonNode.Parse(await http.GetStringAsync($"api/v1/jobs/{id}"))!;
            Assert.That(status["state"]!["reason"]!.GetValue<string>(), Does.Contain("could not write the job's record"));

            using var refused = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(Body(10)));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("cannot record the job").And.Contain("nothing was queued"));
            Assert.That(server.Server.JobCount, Is.EqualTo(1));
        }
        finally
        {
            File.Delete(state);
        }
    }

    internal static async Task<string> SubmitAsync(HttpClient http, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/jobs") { Content = LoopbackServer.JsonBody(body) };
        request.Headers.Add(SamplerServer.IdempotencyHeader, key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    internal static List<JsonNode> Records(string state) =>
        [.. Directory.GetFiles(state, "*.json").Where(f => !Path.GetFileName(f).StartsWith('.')).Select(f => JsonNode.Parse(File.ReadAllText(f))!)];

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.That(condition(), Is.True, "condition not reached within 10 s");
    }
}
