using System.Net;
using System.Text.Json.Nodes;
using Qml.Host.Serve;

namespace Qml.Backends.Remote.Tests;

/// <summary>The server's side of the wire: auth, limits, malformed input, idempotency, bit order.</summary>
[TestFixture]
public sealed class ServerProtocolTests
{
    private const string Bell = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[3] q;\nx q[0];\n";

    private static string Job(string pubs) => $$$"""{"program_id":"sampler","backend":"cpu","params":{"pubs":{{{pubs}}}}}""";

    private static string Quote(string qasm) => JsonValue.Create(qasm).ToJsonString();

    [Test]
    public async Task WithoutOrWithAWrongTokenRequestsGet401AndNothingRuns()
    {
        await using var server = await LoopbackServer.StartAsync();
        foreach (var token in new[] { string.Empty, "wrong", server.Token + "x", server.Token[..^1] })
        {
            using var http = server.Http(token);
            using var submit = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(Job($"[[{Quote(Bell)}, null, 10]]")));
            Assert.That(submit.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"submit with token '{token}'");
            using var status = await http.GetAsync("api/v1/jobs/anything");
            Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"status with token '{token}'");
        }

        Assert.That((server.Server.JobCount, server.Server.Executions), Is.EqualTo((0, 0L)), "no job was accepted or run");
    }

    [Test]
    public async Task MalformedQasmGets400WithLineAndColumn()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var http = server.Http();
        var broken = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\nh q[0]\ncx q[0], q[1];\n";
        using var response = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(Job($"[[{Quote(broken)}]]")));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        var message = JsonNode.Parse(text)!["errors"]![0]!["message"]!.GetValue<string>();
        Assert.That(message, Does.Match(@"^pub0\.qasm:\d+:\d+: "), "file:line:col of the reader");
        Assert.That(server.Server.JobCount, Is.Zero);
    }

    [TestCase("not json")]
    [TestCase("[1, 2]")]
    [TestCase("""{"program_id":"estimator","params":{"pubs":[["OPENQASM 3.0;"]]}}""")]
    [TestCase("""{"program_id":"sampler","backend":"other","params":{"pubs":[["OPENQASM 3.0;"]]}}""")]
    [TestCase("""{"program_id":"sampler","params":{"pubs":[]}}""")]
    [TestCase("""{"program_id":"sampler","params":{"pubs":[["OPENQASM 3.0;\ninput float[64] a;\nqubit[1] q;\nrx(a) q[0];", [[1.0, 2.0]]]]}}""")]
    [TestCase("""{"program_id":"sampler","params":{"pubs":[["OPENQASM 3.0;\nqubit[1] q;", null, 0]]}}""")]
    public async Task MalformedBodiesGet400WithAMessage(string body)
    {
        await using var server = await LoopbackServer.StartAsync();
        using var http = server.Http();
        using var response = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(JsonNode.Parse(text)!["errors"]![0]!["message"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(server.Server.JobCount, Is.Zero);
    }

    [Test]
    public async Task OversizedBodiesGet413WithOrWithoutContentLength()
    {
        await using var server = await LoopbackServer.StartAsync(new ServeOptions { MaxRequestBytes = 16 * 1024 });
        using var http = server.Http();

        // With 100-continue the client sends no body until the server reads one, so a refusal
        // before reading cannot race the upload (a plain upload may see the connection close first).
        http.DefaultRequestHeaders.ExpectContinue = true;
        var padding = new string(' ', 40 * 1024);
        var body = Job($"[[{Quote(Bell + "//" + padding)}]]");
        using (var response = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(body)))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), "with Content-Length");
        }

        using (var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body))))
        {
            chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/jobs") { Content = chunked };
            request.Headers.TransferEncodingChunked = true;
            using var response = await http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), "chunked");
        }

        Assert.That(server.Server.JobCount, Is.Zero);
    }

    [Test]
    public async Task ResubmittingWithTheSameIdempotencyKeyReturnsTheSameJob()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var http = server.Http();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/jobs") { Content = LoopbackServer.JsonBody(Job($"[[{Quote(Bell)}, null, 20]]")) };
            request.Headers.Add(SamplerServer.IdempotencyHeader, "key-1");
            using var response = await http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            ids.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        }

        Assert.That(ids.Distinct().Count(), Is.EqualTo(1), "one job for one key");
        await WaitAsync(http, ids[0]);
        Assert.That((server.Server.JobCount, server.Server.Executions), Is.EqualTo((1, 1L)), "one job, run once");
    }

    [Test]
    public async Task ResultsHoldQiskitOrderedCountsAndHexSamplesPerParameterRow()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var http = server.Http();
        var parametric = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] a;\nqubit[2] q;\nrx(a) q[1];\n";
        var body = $$$"""
            {"program_id":"sampler","backend":"cpu","params":{"pubs":[
              [{{{Quote(Bell)}}}, null, 30],
              {"circuit": {{{Quote(parametric)}}}, "parameter_values": [[0.0], [3.141592653589793]], "shots": 25}
            ], "options": {"simulator": {"seed_simulator": 3} } } }
            """;
        using var response = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(body));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        Assert.That(await WaitAsync(http, id), Is.EqualTo("Completed"));
        var results = JsonNode.Parse(await http.GetStringAsync($"api/v1/jobs/{id}/results"))!["results"]!;
        var first = results[0]!["data"]!["meas"]!;
        Assert.That(first["counts"]![0]!["001"]!.GetValue<int>(), Is.EqualTo(30), "X q0 of 3 reads 001");
        Assert.That(first["samples"]![0]![0]!.GetValue<string>(), Is.EqualTo("0x1"));
        var second = results[1]!["data"]!["meas"]!;
        Assert.That(second["counts"]![0]!["00"]!.GetValue<int>(), Is.EqualTo(25), "row 0: rx(0)");
        Assert.That(second["counts"]![1]!["10"]!.GetValue<int>(), Is.EqualTo(25), "row 1: rx(π) on q1");
    }

    [Test]
    public async Task UnknownJobsGet404AndFinishedJobsCannotBeCancelled()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var http = server.Http();
        using (var missing = await http.GetAsync("api/v1/jobs/nope"))
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        using var response = await http.PostAsync("api/v1/jobs", LoopbackServer.JsonBody(Job($"[[{Quote(Bell)}, null, 5]]")));
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        Assert.That(await WaitAsync(http, id), Is.EqualTo("Completed"));
        using var cancel = await http.PostAsync($"api/v1/jobs/{id}/cancel", null);
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    /// <summary>Polls a job's status (bounded: 200 polls, 10 s) until it is no longer queued or running.</summary>
    internal static async Task<string> WaitAsync(HttpClient http, string id)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var poll = 0; poll < 200 && clock.Elapsed < TimeSpan.FromSeconds(10); poll++)
        {
            var status = JsonNode.Parse(await http.GetStringAsync($"api/v1/jobs/{id}"))!["status"]!.GetValue<string>();
            if (status is not ("Queued" or "Running"))
            {
                return status;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"job {id} did not finish within 10 s");
        return string.Empty;
    }
}
