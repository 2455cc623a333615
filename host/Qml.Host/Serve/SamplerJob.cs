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

/// <summary>A submitted sampler job and, once it has run, its results or failure.</summary>
public sealed class SamplerJob
{
    private readonly Lock _gate = new();

    public SamplerJob(string id, IReadOnlyList<SamplerPub> pubs, ulong seed)
    {
        Id = id;
        Pubs = pubs;
        Seed = seed;
        Created = DateTimeOffset.UtcNow;
    }

    public string Id { get; }

    public IReadOnlyList<SamplerPub> Pubs { get; }

    public ulong Seed { get; }

    public DateTimeOffset Created { get; }

    public JobStatus Status { get; private set; } = JobStatus.Queued;

    /// <summary>Why the job failed or was cancelled.</summary>
    public string? Reason { get; private set; }

    public JsonObject? Results { get; private set; }

    /// <summary>Cancelled by <c>POST /jobs/{id}/cancel</c> or server shutdown.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Queued → Running; false when the job was cancelled while queued.</summary>
    public bool TryStart()
    {
        lock (_gate)
        {
            if (Status != JobStatus.Queued)
            {
                return false;
            }

            Status = JobStatus.Running;
            return true;
        }
    }

    public void Complete(JsonObject results)
    {
        lock (_gate)
        {
            if (Status == JobStatus.Running)
            {
                Results = results;
                Status = JobStatus.Completed;
            }
        }
    }

    public void Fail(string reason)
    {
        lock (_gate)
        {
            if (Status is JobStatus.Running or JobStatus.Queued)
            {
                Reason = reason;
                Status = JobStatus.Failed;
            }
        }
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
            Status = JobStatus.Cancelled;
        }

        Cancellation.Cancel();
        return true;
    }

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
}
