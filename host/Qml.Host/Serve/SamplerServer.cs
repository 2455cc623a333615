using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qml.Abstractions.Execution;

namespace Qml.Host.Serve;

/// <summary>
/// <c>qml serve</c>: the sampler part of IBM's Qiskit Runtime REST API in front of one local
/// backend. Every request needs <c>Authorization: Bearer TOKEN</c> (compared in constant time);
/// jobs wait in a bounded queue and run in the background. See docs/remote.md.
/// </summary>
public sealed class SamplerServer : IAsyncDisposable
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private readonly WebApplication _app;
    private readonly IBackend _backend;
    private readonly ServeOptions _options;
    private readonly byte[] _tokenHash;
    private readonly Channel<SamplerJob> _queue;
    private readonly ConcurrentDictionary<string, SamplerJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SamplerJob> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _submitGate = new();
    private readonly JobStore _store;
    private readonly Action<string>? _log;
    private Task[] _workers = [];
    private long _executions;
    private int _running;
    private int _peakRunning;

    private SamplerServer(WebApplication app, IBackend backend, string token, ServeOptions options, JobStore store, Action<string>? log)
    {
        _app = app;
        _backend = backend;
        _options = options;
        _store = store;
        _log = log;
        _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        _queue = Channel.CreateBounded<SamplerJob>(new BoundedChannelOptions(options.MaxQueuedJobs) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>The address the server listens on (with the real port when 0 was asked for).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public string BackendName => _backend.Info.Name;

    /// <summary>Backend executions started so far (tests assert that refused requests ran nothing).</summary>
    public long Executions => Interlocked.Read(ref _executions);

    /// <summary>Jobs accepted so far.</summary>
    public int JobCount => _jobs.Count;

    /// <summary>Every job record (server-side evidence for tests: none lost, none run twice).</summary>
    public IReadOnlyCollection<SamplerJob> Jobs => [.. _jobs.Values];

    /// <summary>Where the job records are kept.</summary>
    public string StateDirectory => _store.Directory;

    /// <summary>Most jobs seen running at the same time (never above <see cref="ServeOptions.MaxConcurrentJobs"/>).</summary>
    public int PeakConcurrentJobs => Volatile.Read(ref _peakRunning);

    /// <summary>Builds a server for <paramref name="backend"/> on <paramref name="listen"/> (port 0: any free port).</summary>
    public static SamplerServer Create(IBackend backend, IPEndPoint listen, string token, ServeOptions? options = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        options ??= new ServeOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // The owner (qml serve, a test) decides when to stop: no console lifetime taking Ctrl-C.
        builder.Services.AddSingleton<IHostLifetime, OwnerLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            kestrel.AddServerHeader = false;
            kestrel.Listen(listen);
        });
        var app = builder.Build();
        var store = new JobStore(options.StateDirectory ?? Path.Combine(Path.GetTempPath(), "qml-serve-" + Guid.NewGuid().ToString("N")));
        var server = new SamplerServer(app, backend, token, options, store, log);
        server.Map(log);
        server.Restore();
        return server;
    }

    /// <summary>
    /// Reads the records a previous server left: finished jobs answer again; jobs that were
    /// queued are queued again (they never started); jobs that were running are failed with a
    /// message and never re-run, so that no job runs twice.
    /// </summary>
    private void Restore()
    {
        foreach (var record in _store.LoadRecords(_log))
        {
            SamplerJob job;
            try
            {
                job = SamplerJob.FromRecord(record, _options.Clock);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                _log?.Invoke($"skipping a job record in {_store.Directory}: {e.Message}");
                continue;
            }

            _jobs[job.Id] = job;
            if (job.IdempotencyKey is { } key)
            {
                _byIdempotencyKey[key] = job;
            }

            if (job.Status == JobStatus.Running)
            {
                var started = job.Transitions.LastOrDefault(t => t.Status == JobStatus.Running)?.At;
                job.ForceFail($"interrupted: the server stopped while the job was running (started {started:O}); it is not re-run, so that no job runs twice. Submit it again.");
                _store.Save(job);
            }
            else if (job.Status == JobStatus.Queued)
            {
                try
                {
                    var (pubs, _) = SamplerRequestParser.Parse(job.Request, _backend.Info.Name, _options);
                    job.Requeue(pubs);
                    if (!_queue.Writer.TryWrite(job))
                    {
                        job.Fail($"could not be queued again after a restart: {_options.MaxQueuedJobs} jobs were already queued. Submit it again.");
                    }
                }
                catch (SamplerRequestException e)
                {
                    job.Fail($"could not be queued again after a restart: {e.Message}");
                }

                _store.Save(job);
            }
        }

        var pruned = PruneFinishedJobs();
        if (!_jobs.IsEmpty || pruned > 0)
        {
            _log?.Invoke($"restored {_jobs.Count} job record(s) from {_store.Directory} ({_queue.Reader.Count} queued again, {pruned} past the retention of {_options.JobRetention} deleted).");
        }
    }

    /// <summary>
    /// Deletes finished jobs older than <see cref="ServeOptions.JobRetention"/> (record, job and
    /// idempotency key), so the state directory does not grow without bound; a client asking for
    /// one afterwards gets 404, and its key may be used again. Returns how many were deleted.
    /// </summary>
    public int PruneFinishedJobs()
    {
        if (_options.JobRetention is not { } retention)
        {
            return 0;
        }

        var cutoff = _options.Clock.GetUtcNow() - retention;
        var pruned = 0;
        foreach (var job in _jobs.Values)
        {
            if (job.FinishedAt is not { } finished || finished > cutoff)
            {
                continue;
            }

            // Under the submit gate, so a retry carrying this job's key sees either the old job or none.
            lock (_submitGate)
            {
                if (job.IdempotencyKey is { } key)
                {
                    _byIdempotencyKey.TryRemove(new KeyValuePair<string, SamplerJob>(key, job));
                }

                if (_jobs.TryRemove(new KeyValuePair<string, SamplerJob>(job.Id, job)))
                {
                    _store.Delete(job.Id);
                    pruned++;
                }
            }
        }

        return pruned;
    }

    /// <summary>Sweeps expired records every tenth of the retention (between 1 s and 1 h).</summary>
    private async Task SweepAsync()
    {
        if (_options.JobRetention is not { } retention)
        {
            return;
        }

        var period = TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerHour));
        using var timer = new PeriodicTimer(period, _options.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                var pruned = PruneFinishedJobs();
                if (pruned > 0)
                {
                    _log?.Invoke($"deleted {pruned} job record(s) finished more than {retention} ago.");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Starts listening and the job workers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        var first = addresses?.Addresses.FirstOrDefault() ?? throw new InvalidOperationException("The server reports no address.");
        Address = new Uri(first.EndsWith('/') ? first : first + "/");
        _workers = [.. Enumerable.Range(0, Math.Max(1, _options.MaxConcurrentJobs)).Select(_ => Task.Run(WorkAsync)), Task.Run(SweepAsync)];
    }

    /// <summary>
    /// Stops accepting requests and waits for the workers. Running jobs are failed as
    /// interrupted (never re-run); queued jobs stay queued in their records and run after a
    /// restart with the same state directory.
    /// </summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        foreach (var job in _jobs.Values)
        {
            if (job.Interrupt("interrupted: the server stopped while the job was running; it is not re-run, so that no job runs twice. Submit it again."))
            {
                _store.Save(job);
            }
        }

        await _app.StopAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires (Ctrl-C in <c>qml serve</c>).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await StopAsync().ConfigureAwait(false);
    }

    private void Map(Action<string>? log)
    {
        _app.Use(async (context, next) =>
        {
            if (!Authorized(context.Request))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Error(context, 401, "missing or wrong bearer token.").ConfigureAwait(false);
                return;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                await Error(context, e.StatusCode, e.StatusCode == 413 ? $"the request body exceeds {_options.MaxRequestBytes} bytes." : e.Message).ConfigureAwait(false);
            }
        });

        _app.MapPost("/api/v1/jobs", async context =>
        {
            var result = await SubmitAsync(context).ConfigureAwait(false);
            log?.Invoke($"POST /api/v1/jobs → {result}");
        });
        _app.MapGet("/api/v1/jobs/{id}", context => WithJob(context, job => Json(context, 200, StatusJson(job))));
        _app.MapGet("/api/v1/jobs/{id}/results", context => WithJob(context, job => job.PublishedStatus switch
        {
            JobStatus.Completed => Json(context, 200, job.PublishedResults!),
            JobStatus.Failed or JobStatus.Cancelled => Error(context, 409, $"job {job.Id} is {job.PublishedStatus}: {job.PublishedReason}"),
            _ => Error(context, 409, $"job {job.Id} is {job.PublishedStatus}; results exist once it is Completed."),
        }));
        _app.MapPost("/api/v1/jobs/{id}/cancel", context => WithJob(context, job =>
        {
            if (job.Cancel("cancelled by the client."))
            {
                _store.Save(job);
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            }

            return Error(context, 409, $"job {job.Id} is already {job.PublishedStatus}.");
        }));
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        var presented = header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : string.Empty;

        // Hashing first makes the comparison independent of the token's length too.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(hash, _tokenHash) && presented.Length > 0;
    }

    private async Task<string> SubmitAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _options.MaxRequestBytes)
        {
            await Error(context, 413, $"the request body ({context.Request.ContentLength} bytes) exceeds {_options.MaxRequestBytes} bytes.").ConfigureAwait(false);
            return "413";
        }

        var key = context.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 0 && _byIdempotencyKey.TryGetValue(key, out var existing))
        {
            await Json(context, 200, Created(existing)).ConfigureAwait(false);
            return $"200 {existing.Id} (idempotent)";
        }

        byte[] raw;
        using (var buffer = new MemoryStream())
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            raw = buffer.ToArray();
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(raw);
        }
        catch (JsonException e)
        {
            await Error(context, 400, $"the body is not valid JSON: {e.Message}").ConfigureAwait(false);
            return "400";
        }

        IReadOnlyList<SamplerPub> pubs;
        ulong? seed;
        try
        {
            (pubs, seed) = SamplerRequestParser.Parse(body, _backend.Info.Name, _options);
        }
        catch (SamplerRequestException e)
        {
            await Error(context, e.StatusCode, e.Message).ConfigureAwait(false);
            return e.StatusCode.ToString(CultureInfo.InvariantCulture);
        }

        SamplerJob job;
        string? unrecorded = null;
        lock (_submitGate)
        {
            if (key.Length > 0 && _byIdempotencyKey.TryGetValue(key, out existing))
            {
                job = existing;
            }
            else if (_queue.Reader.Count >= _options.MaxQueuedJobs || _stopping.IsCancellationRequested)
            {
                job = null!;
            }
            else
            {
                // Writes to the queue happen only here (and in Restore, before the server starts),
                // so after the count check the write succeeds. The record is on disk before the
                // job can run and before the client hears its id.
                job = new SamplerJob(Guid.NewGuid().ToString("N"), key, (JsonObject)body!, Convert.ToHexStringLower(SHA256.HashData(raw)), pubs, seed ?? (ulong)Random.Shared.NextInt64(), _options.Clock);
                try
                {
                    _store.Save(job);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A job the server cannot record is not accepted: it could not survive a restart.
                    unrecorded = e.Message;
                }
            }

            if (unrecorded is null && job is not null && !_jobs.ContainsKey(job.Id))
            {
                _jobs[job.Id] = job;
                if (key.Length > 0)
                {
                    _byIdempotencyKey[key] = job;
                }

                if (!_queue.Writer.TryWrite(job))
                {
                    throw new InvalidOperationException("The job queue refused a job after its count allowed it.");
                }
            }
        }

        if (unrecorded is not null)
        {
            await Error(context, 503, $"the server cannot record the job in its state directory ({unrecorded}); nothing was queued. Retry later.").ConfigureAwait(false);
            return "503";
        }

        if (job is null)
        {
            context.Response.Headers.RetryAfter = "1";
            await Error(context, 429, $"{_options.MaxQueuedJobs} jobs are already queued; retry later.").ConfigureAwait(false);
            return "429";
        }

        await Json(context, 200, Created(job)).ConfigureAwait(false);
        return $"200 {job.Id}";
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await RunJobAsync(job).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A record that cannot be written must not stop the worker; the job fails in memory.
                    _log?.Invoke($"job {job.Id}: cannot write its record in {_store.Directory}: {e.Message}");
                    job.ForceFail($"the server could not write the job's record, so its outcome would not survive a restart: {e.Message}");
                    job.Publish(job.Snapshot());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunJobAsync(SamplerJob job)
    {
        // A job taken from the queue while the server stops stays queued for the next start.
        if (_stopping.IsCancellationRequested || !job.TryStart())
        {
            return;
        }

        _store.Save(job);
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _peakRunning, running);
        JsonObject? results = null;
        string? failure = null;
        try
        {
            var pubs = new JsonArray();
            for (var i = 0; i < job.Pubs.Count; i++)
            {
                var pub = job.Pubs[i];
                Interlocked.Increment(ref _executions);
                var result = await _backend.ExecuteAsync(
                    new ExecutionRequest { Circuit = pub.Circuit, Bindings = pub.Bindings, Outputs = ResultKinds.Samples, Shots = pub.Shots, Seed = job.Seed + (ulong)i },
                    job.Cancellation.Token).ConfigureAwait(false);
                pubs.Add(PubResult(pub, result.Samples!));
            }

            results = new JsonObject
            {
                ["results"] = pubs,
                ["metadata"] = new JsonObject { ["backend"] = _backend.Info.Name, ["seed"] = job.Seed, ["version"] = 2 },
            };
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
        {
            // The status already says Cancelled or interrupted, and its record was written.
            return;
        }
        catch (Exception e)
        {
            failure = e.Message;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }

        // A record that cannot be written throws to WorkAsync, which fails the job in memory.
        if (results is not null ? job.Complete(results) : job.Fail(failure!))
        {
            _store.Save(job);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    /// <summary>One PUB's result: hex samples per row and shot under the register name, and Qiskit-ordered counts per row.</summary>
    private static JsonObject PubResult(SamplerPub pub, SampleTable samples)
    {
        var rows = new JsonArray();
        var counts = new JsonArray();
        for (var row = 0; row < samples.Rows; row++)
        {
            var shots = new JsonArray();
            for (var shot = 0; shot < samples.Shots; shot++)
            {
                shots.Add(Hex(samples.Shot(row, shot)));
            }

            rows.Add(shots);
            var rowCounts = new JsonObject();
            foreach (var (bits, count) in samples.Counts(row))
            {
                rowCounts[bits] = count;
            }

            counts.Add(rowCounts);
        }

        var register = pub.Circuit.HasMeasurements ? "c" : "meas";
        return new JsonObject
        {
            ["data"] = new JsonObject { [register] = new JsonObject { ["samples"] = rows, ["counts"] = counts, ["num_bits"] = samples.BitCount } },
            ["metadata"] = new JsonObject { ["shots"] = samples.Shots, ["rows"] = samples.Rows, ["register"] = register },
        };
    }

    /// <summary>An outcome as Qiskit's hex sample: "0x…" with bit 0 the least significant.</summary>
    private static string Hex(ReadOnlySpan<ulong> words)
    {
        var top = words.Length - 1;
        while (top > 0 && words[top] == 0)
        {
            top--;
        }

        var text = new StringBuilder("0x").Append(words[top].ToString("x", CultureInfo.InvariantCulture));
        for (var w = top - 1; w >= 0; w--)
        {
            text.Append(words[w].ToString("x16", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private JsonObject Created(SamplerJob job) => new() { ["id"] = job.Id, ["backend"] = _backend.Info.Name };

    private JsonObject StatusJson(SamplerJob job)
    {
        var status = job.PublishedStatus.ToString();
        var state = new JsonObject { ["status"] = status };
        if (job.PublishedReason is not null)
        {
            state["reason"] = job.PublishedReason;
        }

        return new JsonObject
        {
            ["id"] = job.Id,
            ["backend"] = _backend.Info.Name,
            ["status"] = status,
            ["state"] = state,
            ["program"] = new JsonObject { ["id"] = "sampler" },
            ["created"] = job.Created.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    private Task WithJob(HttpContext context, Func<SamplerJob, Task> action)
    {
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        return _jobs.TryGetValue(id, out var job) ? action(job) : Error(context, 404, $"no job '{id}'.");
    }

    private static Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>A host lifetime that leaves start and stop to whoever owns the server.</summary>
    private sealed class OwnerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>IBM's error shape: <c>{"errors":[{"code","message"}],"status_code"}</c>.</summary>
    private static Task Error(HttpContext context, int status, string message) =>
        Json(context, status, new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["code"] = status, ["message"] = message }),
            ["status_code"] = status,
        });
}
