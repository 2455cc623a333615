using System.Net;
using System.Text;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;

namespace Qml.Backends.Remote.Tests;

/// <summary>The client's per-host token bucket and its handling of the server's Retry-After.</summary>
[TestFixture]
public sealed class RateLimitTests
{
    [TestCase("5/min", 5, 60.0)]
    [TestCase("2/s", 2, 1.0)]
    [TestCase("100/h", 100, 3600.0)]
    [TestCase("7", 7, 60.0)]
    [TestCase("0", 0, 60.0)]
    [TestCase("none", 0, 60.0)]
    public void RatesParse(string text, int jobs, double seconds) =>
        Assert.That(JobRate.Parse(text, "rate-limit"), Is.EqualTo(new JobRate(jobs, TimeSpan.FromSeconds(seconds))));

    [TestCase("five/min")]
    [TestCase("5/day")]
    [TestCase("-1/min")]
    [TestCase("")]
    public void BadRatesAreRefusedNamingTheOption(string text)
    {
        var error = Assert.Throws<QmlException>(() => JobRate.Parse(text, "rate-limit"));
        Assert.That(error!.Message, Does.Contain("rate-limit").And.Contain("N/min"));
    }

    [Test]
    public void TheDefaultIsFiveJobsAMinute() =>
        Assert.That(RemoteSettings.Parse(BackendOptions.Default, "t").RateLimit, Is.EqualTo(new JobRate(5, TimeSpan.FromMinutes(1))));

    [Test]
    public void TheBucketAllowsABurstOfNThenOneEveryPeriodOverN()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucket(new JobRate(5, TimeSpan.FromMinutes(1)), clock);
        for (var i = 0; i < 5; i++)
        {
            Assert.That(bucket.Reserve(), Is.EqualTo(TimeSpan.Zero), $"burst job {i}");
        }

        Assert.That(bucket.Reserve().TotalSeconds, Is.EqualTo(12).Within(1e-9), "the 6th waits 60/5 s");
        Assert.That(bucket.Reserve().TotalSeconds, Is.EqualTo(24).Within(1e-9), "the 7th queues behind it");
        bucket.Return();
        clock.Advance(TimeSpan.FromSeconds(12));
        Assert.That(bucket.Reserve().TotalSeconds, Is.EqualTo(12).Within(1e-9), "after 12 s and one returned token, the next waits one period again");
        clock.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 5; i++)
        {
            Assert.That(bucket.Reserve(), Is.EqualTo(TimeSpan.Zero), $"refilled to N, not beyond: job {i}");
        }

        Assert.That(bucket.Reserve(), Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task BackendsAddressingOneHostShareOneBucketAndAWaitingJobNeverReachesTheServer()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var first = server.CreateRemote("rate-limit=3/h");
        using var second = server.CreateRemote("rate-limit=3/h");
        var request = new ExecutionRequest { Circuit = new CircuitBuilder(1).H(0).Build(), Outputs = ResultKinds.Samples, Shots = 10 };
        await first.ExecuteAsync(request);
        await first.ExecuteAsync(request);
        await second.ExecuteAsync(request);
        Assert.That(server.Server.JobCount, Is.EqualTo(3), "a burst of three");

        using var cancel = new CancellationTokenSource();
        var waiting = second.ExecuteAsync(request, cancel.Token);
        await Task.Delay(300);
        Assert.That((waiting.IsCompleted, server.Server.JobCount), Is.EqualTo((false, 3)), "the fourth job waits for a token in the shared bucket");
        await cancel.CancelAsync();
        Assert.CatchAsync<OperationCanceledException>(() => waiting);
        Assert.That(server.Server.JobCount, Is.EqualTo(3), "a cancelled wait submits nothing");
    }

    [Test]
    public async Task TheServersRetryAfterIsHonouredInFull()
    {
        var handler = new ScriptedHandler(
            () => Answer(HttpStatusCode.TooManyRequests, "{\"errors\":[{\"code\":429,\"message\":\"busy\"}]}", retryAfterSeconds: 37),
            () => Answer(HttpStatusCode.OK, "{\"id\":\"j1\"}"));
        var settings = RemoteSettings.Parse(BackendOptions.Parse(["url=http://qml.invalid:1", "rate-limit=0"]), "t");
        using var client = new SamplerClient(settings, handler);
        var delays = new List<TimeSpan>();
        client.Delay = (delay, _) =>
        {
            delays.Add(delay);
            return Task.CompletedTask;
        };
        var id = await client.SubmitAsync(new System.Text.Json.Nodes.JsonObject(), "k", CancellationToken.None);
        Assert.That(id, Is.EqualTo("j1"));
        Assert.That(delays, Has.Count.EqualTo(1));
        Assert.That(delays[0].TotalSeconds, Is.InRange(37.0, 37.1), "Retry-After: 37 plus at most 100 ms of jitter");
        Assert.That(handler.Keys.Distinct().Single(), Is.EqualTo("k"), "the retry carries the same idempotency key");
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string json, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }

    /// <summary>Answers requests from a script, recording each request's idempotency key.</summary>
    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<string> Keys { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Keys.Add(request.Headers.TryGetValues(SamplerClient.IdempotencyHeader, out var values) ? values.Single() : string.Empty);
            return Task.FromResult(answers[Math.Min(_next++, answers.Length - 1)]());
        }
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
