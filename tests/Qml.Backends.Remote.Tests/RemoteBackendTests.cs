using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Host.Serve;

namespace Qml.Backends.Remote.Tests;

/// <summary>The client side: estimates from counts, refusals, tokens and backoff under 429.</summary>
[TestFixture]
public sealed class RemoteBackendTests
{
    [Test]
    public async Task ProbabilitiesAndZExpectationsAreEstimatedWithinSamplingError()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var remote = server.CreateRemote("shots=8000");
        var builder = new CircuitBuilder(2, 2);
        var circuit = builder.RY(0, builder.Input("theta")).CX(0, 1).Measure(0, 0).Measure(1, 1).Build();
        var thetas = new[] { 0.4, 1.9 };
        var result = await remote.ExecuteAsync(new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = BindingTable.FromRows([[thetas[0]], [thetas[1]]]),
            Outputs = ResultKinds.Probabilities | ResultKinds.Expectations | ResultKinds.Samples,
            Observables = [Observable.Z(0), Observable.Parse("Z0 Z1"), Observable.Parse("0.5*Z1 + 2")],
            Shots = 8000,
            Seed = 11,
        });
        for (var row = 0; row < thetas.Length; row++)
        {
            var p1 = Math.Pow(Math.Sin(thetas[row] / 2), 2);
            var sigma = Math.Sqrt(p1 * (1 - p1) / 8000);
            Assert.That(result.Probabilities![row, 3], Is.EqualTo(p1).Within((5 * sigma) + 1e-3), $"row {row}: P(11)");
            Assert.That(result.Probabilities[row, 1] + result.Probabilities[row, 2], Is.Zero, $"row {row}: Bell pairs agree");
            Assert.That(result.Expectations![row, 0], Is.EqualTo(1 - (2 * p1)).Within((10 * sigma) + 1e-3), $"row {row}: <Z0>");
            Assert.That(result.Expectations[row, 1], Is.EqualTo(1.0), $"row {row}: <Z0 Z1>");
            Assert.That(result.Expectations[row, 2], Is.EqualTo(2 + (0.5 * (1 - (2 * p1)))).Within((5 * sigma) + 1e-3), $"row {row}: 0.5 Z1 + 2");
        }

        Assert.That((result.Samples!.Rows, result.Samples.Shots, result.Samples.BitCount), Is.EqualTo((2, 8000, 2)));
        Assert.That(result.Diagnostics.Details["job"], Is.Not.Empty);
    }

    [Test]
    public async Task AWrongTokenIsAClearErrorWithoutRetriesAndWithoutTheToken()
    {
        await using var server = await LoopbackServer.StartAsync();
        var settings = RemoteSettings.Parse(BackendOptions.Parse([$"url={server.Url}"]), "not-the-token");
        using var remote = new RemoteBackend(settings);
        var error = Assert.ThrowsAsync<BackendException>(() => remote.ExecuteAsync(new ExecutionRequest
        {
            Circuit = new CircuitBuilder(1).H(0).Build(),
            Outputs = ResultKinds.Samples,
            Shots = 10,
        }));
        Assert.That(error!.Message, Does.Contain("401").And.Not.Contain("not-the-token"));
        Assert.That(remote.HttpAttempts, Is.EqualTo(1), "a 401 is not retried");
        Assert.That((server.Server.JobCount, server.Server.Executions), Is.EqualTo((0, 0L)));
    }

    [Test]
    public void WithoutATokenCreatingTheBackendFailsNamingTheSources()
    {
        var error = Assert.Throws<QmlException>(() => RemoteSettings.Parse(BackendOptions.Default, null));
        Assert.That(error!.Message, Does.Contain(RemoteSettings.TokenVariable).And.Contain("token-file"));
        Assert.Throws<QmlException>(() => RemoteSettings.Parse(BackendOptions.Parse(["token=abc"]), null), "the token is never an option");
    }

    [Test]
    public void TheTokenComesFromATokenFileAndNeverAppearsInToString()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "file-token\n");
            var settings = RemoteSettings.Parse(BackendOptions.Parse([$"token-file={file}"]), "env-token");
            Assert.That(settings.Token, Is.EqualTo("file-token"));
            Assert.That(settings.ToString(), Does.Not.Contain("file-token"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task AFullQueueAnswers429AndTheClientBacksOffAndFinishesEveryJobOnce()
    {
        await using var server = await LoopbackServer.StartAsync(new ServeOptions { MaxQueuedJobs = 1, MaxConcurrentJobs = 1 });
        var circuit = new CircuitBuilder(8).H(0).H(3).CX(0, 5).Build();
        var remotes = Enumerable.Range(0, 6).Select(_ => server.CreateRemote("retries=12", "poll-ms=5")).ToList();
        try
        {
            var runs = remotes.Select((remote, i) => remote.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 20_000, Seed = (ulong)i }));
            var results = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(40));
            Assert.That(results.Select(r => r.Samples!.Shots), Is.All.EqualTo(20_000));
            Assert.That((server.Server.JobCount, server.Server.Executions), Is.EqualTo((6, 6L)), "every job accepted once and run once");
            Assert.That(server.Server.Jobs.Select(j => j.Status), Is.All.EqualTo(JobStatus.Completed));

            // The records on disk: one per idempotency key, each started exactly once.
            var records = JobRecordTests.Records(server.Server.StateDirectory);
            Assert.That(records.Select(r => r["idempotency_key"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(6), "one record per key");
            Assert.That(records.Select(r => (r["status"]!.GetValue<string>(), r["runs"]!.GetValue<int>())), Is.All.EqualTo(("Completed", 1)));
            Assert.That(remotes.Sum(r => r.HttpAttempts), Is.GreaterThan(6 * 3), "some submits were refused with 429 and retried");
        }
        finally
        {
            remotes.ForEach(r => r.Dispose());
        }
    }

    [Test]
    public async Task CancellingTheCallerCancelsTheServerJob()
    {
        using var blocking = new BlockingBackend();
        await using var server = SamplerServer.Create(blocking, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), "cancel-token");
        await server.StartAsync();
        using var remote = new RemoteBackend(RemoteSettings.Parse(BackendOptions.Parse([$"url={server.Address}", "backend=blocking", "poll-ms=5"]), "cancel-token"));
        using var cancellation = new CancellationTokenSource();
        var run = remote.ExecuteAsync(new ExecutionRequest { Circuit = new CircuitBuilder(1).H(0).Build(), Outputs = ResultKinds.Samples, Shots = 10 }, cancellation.Token);
        Assert.That(await blocking.Started.Task.WaitAsync(TimeSpan.FromSeconds(10)), Is.True, "the job reached the backend");
        await cancellation.CancelAsync();
        Assert.CatchAsync<OperationCanceledException>(() => run);
        Assert.That(server.Jobs.Single().Status, Is.EqualTo(JobStatus.Cancelled), "the client's cancel reached the server");
        Assert.That(await blocking.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)), Is.True, "the running backend call saw the cancellation");
    }

    /// <summary>A backend whose calls run until cancelled.</summary>
    private sealed class BlockingBackend : IBackend
    {
        public TaskCompletionSource<bool> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public BackendInfo Info { get; } = new("blocking", "1.0.0", "waits for cancellation", new Capabilities { MaxQubits = 4 });

        public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult(true);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Cancelled.TrySetResult(cancellationToken.IsCancellationRequested);
            }

            throw new InvalidOperationException("unreachable");
        }

        public void Dispose()
        {
        }
    }
}
