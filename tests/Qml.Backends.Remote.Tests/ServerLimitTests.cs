using System.Net;
using System.Text.Json.Nodes;
using Qml.Host.Serve;

namespace Qml.Backends.Remote.Tests;

/// <summary>The server's limits (ServeOptions, the options of qml serve): qubits, shots, queue length, concurrency.</summary>
[TestFixture]
public sealed class ServerLimitTests
{
    private static string Job(int qubits, int shots) =>
        "{\"program_id\":\"sampler\",\"params\":{\"pubs\":[["
        + JsonValue.Create($"OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[{qubits}] q;\nh q[0];\n").ToJsonString()
        + $", null, {shots}]]}}}}";

    [Test]
    public async Task ACircuitWiderThanMaxQubitsGets400NamingTheLimit()
    {
        await using var server = await LoopbackServer.StartAsync(new ServeOptions { MaxQubits = 4 });
        using var http = server.Http();
        var (status, message) = await PostAsync(http, Job(5, 10));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), message);
        Assert.That(message, Does.Contain("4"));
        Assert.That((await PostAsync(http, Job(4, 10))).Status, Is.EqualTo(HttpStatusCode.OK), "at the limit");
    }

    [Test]
    public async Task MoreShotsThanMaxShotsGets400NamingTheRange()
    {
        await using var server = await LoopbackServer.StartAsync(new ServeOptions { MaxShots = 100 });
        using var http = server.Http();
        var (status, message) = await PostAsync(http, Job(1, 101));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), message);
        Assert.That(message, Does.Contain("1..100"));
        Assert.That((await PostAsync(http, Job(1, 100))).Status, Is.EqualTo(HttpStatusCode.OK), "at the limit");
        Assert.That(server.Server.JobCount, Is.EqualTo(1));
    }

    [Test]
    public async Task BeyondMaxQueuedJobsASubmitGets429WithRetryAfterAndIsNotRecorded()
    {
        using var gated = new GatedBackend();
        await using var server = await LoopbackServer.StartAsync(new ServeOptions { MaxQueuedJobs = 2, MaxConcurrentJobs = 1 }, gated);
        using var http = server.Http();
        Assert.That((await PostAsync(http, Job(1, 5))).Status, Is.EqualTo(HttpStatusCode.OK));
        await gated.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That((await PostAsync(http, Job(1, 5))).Status, Is.EqualTo(HttpStatusCode.OK), "queued 1 of 2");
        Assert.That((await PostAsync(http, Job(1, 5))).Status, Is.EqualTo(HttpStatusCode.OK), "queued 2 of 2");
        using var refused = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(Job(1, 5)));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(Directory.GetFiles(server.Server.StateDirectory, "*.json"), Has.Length.EqualTo(3), "a refused job leaves no record");
        gated.Open();
        await JobRecordTests.WaitUntilAsync(() => server.Server.Jobs.All(j => j.Status == JobStatus.Completed));
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task AtMostMaxConcurrentJobsRunAtOnce(int concurrency)
    {
        using var gated = new GatedBackend();
        await using var server = await LoopbackServer.StartAsync(new ServeOptions { MaxConcurrentJobs = concurrency }, gated);
        using var http = server.Http();
        for (var i = 0; i < 6; i++)
        {
            Assert.That((await PostAsync(http, Job(1, 5))).Status, Is.EqualTo(HttpStatusCode.OK));
        }

        await JobRecordTests.WaitUntilAsync(() => server.Server.Jobs.Count(j => j.Status == JobStatus.Running) == concurrency);
        await Task.Delay(100);
        Assert.That(server.Server.Jobs.Count(j => j.Status == JobStatus.Running), Is.EqualTo(concurrency), "the others wait in the queue");
        gated.Open();
        await JobRecordTests.WaitUntilAsync(() => server.Server.Jobs.All(j => j.Status == JobStatus.Completed));
        Assert.That((server.Server.PeakConcurrentJobs, gated.PeakActive), Is.EqualTo((concurrency, concurrency)));
    }

    private static async Task<(HttpStatusCode Status, string Message)> PostAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(body));
        var text = await response.Content.ReadAsStringAsync();
        var message = response.IsSuccessStatusCode ? text : JsonNode.Parse(text)!["errors"]![0]!["message"]!.GetValue<string>();
        return (response.StatusCode, message);
    }
}
