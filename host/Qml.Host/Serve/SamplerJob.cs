using System.Globalization;
using System.Text.Json.Nodes;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;

namespace Qml.Host.Serve;

/// <summary>Status of a sampler job, spelled as IBM's Qiskit Runtime spells it.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>One primitive unified bloc: a circuit, its B×P parameter rows and the shots per row.</summary>
public sealed record SamplerPub(Circuit Circuit, BindingTable Bindings, int Shots);

/// <summary>A job's record and the state it holds, taken under the job's lock.</summary>
internal sealed record RecordSnapshot(JsonObject Record, JobStatus Status, string? Reason, JsonObject? Results);

/// <summary>A status a job entered, and when.</summary>
public sealed record JobTransition(JobStatus Status, DateTimeOffset At);

/// <summary>
/// A submitted sampler job and, once it has run, its results or failure. Every change of
/// status is a <see cref="JobTransition"/>; <see cref="ToRecord"/> is the JSON kept on disk.
/// </summary>
public sealed class SamplerJob
{
    private readonly Lock _gate = new();
    private readonly List<JobTransition> _transitions = [];

    private readonly TimeProvider _clock;

    /// <summary>A job just accepted (status Queued); <paramref name="clock"/> stamps its transitions (the system clock by default).</summary>
    public SamplerJob(string id, string? idempotencyKey, JsonObject request, string programHash, IReadOnlyList<SamplerPub>? pubs, ulong seed, TimeProvider? clock = null)
        : this(id, idempotencyKey, request, programHash, pubs, seed, (clock ?? TimeProvider.System).GetUtcNow(), clock)
    {
        _transitions.Add(new JobTransition(JobStatus.Queued, Created));
    }

    private SamplerJob(string id, string? idempotencyKey, JsonObject? request, string programHash, IReadOnlyList<SamplerPub>? pubs, ulong seed, DateTimeOffset created, TimeProvider? clock)
    {
        _clock = clock ?? TimeProvider.System;
        Id = id;
        IdempotencyKey = string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey;
        Request = request;
        ProgramHash = programHash;
        Pubs = pubs ?? [];
        Seed = seed;
        Created = created;
    }

    public string Id { get; }

    /// <summary>The client's <c>Idempotency-Key</c>, when it sent one.</summary>
    public string? IdempotencyKey { get; }

    /// <summary>The submitted body while the job may still run (dropped once it finished).</summary>
    public JsonObject? Request { get; private set; }

    /// <summary>SHA-256 (hex) of the submitted body as received.</summary>
    public string ProgramHash { get; }

    /// <summary>The parsed PUBs; empty for a job restored from disk after it finished.</summary>
    public IReadOnlyList<SamplerPub> Pubs { get; private set; }

    public ulong Seed { get; }

    public DateTimeOffset Created { get; }

    public JobStatus Status { get; private set; } = JobStatus.Queued;

    /// <summary>Why the job failed or was cancelled.</summary>
    public string? Reason { get; private set; }

    public JsonObject? Results { get; private set; }

    /// <summary>The status as last written to the job's record: what clients are told, so they never learn of a state a crash could lose.</summary>
    public JobStatus PublishedStatus { get; private set; } = JobStatus.Queued;

    public string? PublishedReason { get; private set; }

    public JsonObject? PublishedResults { get; private set; }

    /// <summary>Times the job was started on the backend (0 or 1: a job never runs twice).</summary>
    public int Runs { get; private set; }

    public IReadOnlyList<JobTransition> Transitions
    {
        get
        {
            lock (_gate)
            {
                return [.. _transitions];
            }
        }
    }

    /// <summary>Cancelled by <c>POST /jobs/{id}/cancel</c>, an interruption or server shutdown.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Serialises writes of this job's record, so the last write holds the latest state.</summary>
    internal Lock RecordGate { get; } = new();

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>When the job reached its final status; null while it may still run.</summary>
    public DateTimeOffset? FinishedAt
    {
        get
        {
            lock (_gate)
            {
                return IsFinished ? _transitions[^1].At : null;
            }
        }
    }

    /// <summary>Queued → Running; false when the job was cancelled while queued.</summary>
    public bool TryStart()
    {
        lock (_gate)
        {
            if (Status != JobStatus.Queued)
            {
                return false;
            }

            Runs++;
            Enter(JobStatus.Running);
            return true;
        }
    }

    public bool Complete(JsonObject results)
    {
        lock (_gate)
        {
            if (Status != JobStatus.Running)
            {
                return false;
            }

            Results = results;
            Enter(JobStatus.Completed);
            return true;
        }
    }

    public bool Fail(string reason)
    {
        lock (_gate)
        {
            if (Status is not (JobStatus.Running or JobStatus.Queued))
            {
                return false;
            }

            Reason = reason;
            Enter(JobStatus.Failed);
        }

        Cancellation.Cancel();
        return true;
    }

    /// <summary>Running → Failed with <paramref name="reason"/> (the server stops under it); queued jobs stay queued.</summary>
    public bool Interrupt(string reason)
    {
        lock (_gate)
        {
            if (Status != JobStatus.Running)
            {
                return false;
            }

            Reason = reason;
            Enter(JobStatus.Failed);
        }

        Cancellation.Cancel();
        return true;
    }

    /// <summary>Cancels a queued or running job; false when it had already finished.</summary>
    public bool Cancel(string reason)
    {
        lock (_gate)
        {
            if (Status is not (JobStatus.Queued or JobStatus.Running))
            {
                return false;
            }

            Reason = reason;
            Enter(JobStatus.Cancelled);
        }

        Cancellation.Cancel();
        return true;
    }

    /// <summary>The job as kept on disk: id, key, status and its transitions, hash, seed, runs, request while unfinished, results or reason.</summary>
    public JsonObject ToRecord() => Snapshot().Record;

    /// <summary>Makes a written snapshot's state the one clients see.</summary>
    internal void Publish(RecordSnapshot written)
    {
        lock (_gate)
        {
            PublishedStatus = written.Status;
            PublishedReason = written.Reason;
            PublishedResults = written.Results;
        }
    }

    internal RecordSnapshot Snapshot()
    {
        lock (_gate)
        {
            var transitions = new JsonArray();
            foreach (var t in _transitions)
            {
                transitions.Add(new JsonObject { ["status"] = t.Status.ToString(), ["at"] = Time(t.At) });
            }

            var record = new JsonObject
            {
                ["version"] = 1,
                ["id"] = Id,
                ["idempotency_key"] = IdempotencyKey,
                ["status"] = Status.ToString(),
                ["created"] = Time(Created),
                ["transitions"] = transitions,
                ["program_hash"] = ProgramHash,
                ["seed"] = Seed,
                ["runs"] = Runs,
            };
            if (Reason is not null)
            {
                record["reason"] = Reason;
            }

            if (!IsFinished && Request is not null)
            {
                record["request"] = Request.DeepClone();
            }

            if (Results is not null)
            {
                record["results"] = Results.DeepClone();
            }

            return new RecordSnapshot(record, Status, Reason, Results);
        }
    }

    /// <summary>Rebuilds a job from its record (<see cref="ToRecord"/>); its PUBs are attached by <see cref="Requeue"/>.</summary>
    public static SamplerJob FromRecord(JsonObject record, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record["id"]?.GetValue<string>() ?? throw new FormatException("the record has no id.");
        var job = new SamplerJob(
            id,
            record["idempotency_key"]?.GetValue<string>(),
            record["request"]?.DeepClone() as JsonObject,
            record["program_hash"]?.GetValue<string>() ?? string.Empty,
            null,
            record["seed"]?.GetValue<ulong>() ?? 0,
            DateTimeOffset.Parse(record["created"]?.GetValue<string>() ?? throw new FormatException($"record {id} has no created time."), CultureInfo.InvariantCulture),
            clock)
        {
            Status = Enum.Parse<JobStatus>(record["status"]?.GetValue<string>() ?? throw new FormatException($"record {id} has no status.")),
            Reason = record["reason"]?.GetValue<string>(),
            Results = record["results"]?.DeepClone() as JsonObject,
            Runs = record["runs"]?.GetValue<int>() ?? 0,
        };
        job.Publish(new RecordSnapshot(record, job.Status, job.Reason, job.Results));
        foreach (var t in record["transitions"] as JsonArray ?? [])
        {
            job._transitions.Add(new JobTransition(
                Enum.Parse<JobStatus>(t!["status"]!.GetValue<string>()),
                DateTimeOffset.Parse(t["at"]!.GetValue<string>(), CultureInfo.InvariantCulture)));
        }

        return job;
    }

    /// <summary>Gives a restored, still queued job its parsed PUBs again.</summary>
    internal void Requeue(IReadOnlyList<SamplerPub> pubs)
    {
        lock (_gate)
        {
            Pubs = pubs;
        }
    }

    /// <summary>
    /// Fails the job whatever its state: a restored job that was running when the server died
    /// (never re-run), or one whose outcome could not be recorded (its results are dropped).
    /// </summary>
    internal void ForceFail(string reason)
    {
        lock (_gate)
        {
            Reason = reason;
            Results = null;
            Enter(JobStatus.Failed);
        }

        Cancellation.Cancel();
    }

    private void Enter(JobStatus status)
    {
        Status = status;
        _transitions.Add(new JobTransition(status, _clock.GetUtcNow()));
        if (status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled)
        {
            // The body is only needed to re-queue after a restart; a finished job keeps its hash.
            Request = null;
        }
    }

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
