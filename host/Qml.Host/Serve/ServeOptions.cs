namespace Qml.Host.Serve;

/// <summary>Limits and settings of <c>qml serve</c>.</summary>
public sealed record ServeOptions
{
    /// <summary>Largest request body accepted (413 beyond).</summary>
    public long MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Jobs waiting to run; a submit beyond gets 429.</summary>
    public int MaxQueuedJobs { get; init; } = 64;

    /// <summary>Jobs run at the same time.</summary>
    public int MaxConcurrentJobs { get; init; } = 1;

    public int MaxQubits { get; init; } = 24;

    /// <summary>Shots of one PUB row.</summary>
    public int MaxShots { get; init; } = 1_000_000;

    /// <summary>Rows × shots over all PUBs of one job.</summary>
    public long MaxTotalShots { get; init; } = 20_000_000;

    public int MaxPubs { get; init; } = 64;

    /// <summary>Shots of a PUB that names none (IBM's default_shots).</summary>
    public int DefaultShots { get; init; } = 4096;

    /// <summary>Where job records live (one JSON file per job); null: a fresh temporary directory.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>
    /// How long a finished job (completed, failed or cancelled) and its idempotency key are kept
    /// after it finished; older records are deleted at start and by a periodic sweep. Null keeps them forever.
    /// </summary>
    public TimeSpan? JobRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The clock retention is measured on (tests move it forward).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
