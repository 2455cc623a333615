using Qml.Abstractions.Execution;

namespace Qml.Backends.Remote.Tests;

/// <summary>
/// The CPU backend behind a gate: while the gate is closed every call waits (until cancelled),
/// so a test can hold a job in Running. It reports itself as "cpu", the name clients send.
/// </summary>
internal sealed class GatedBackend : IBackend
{
    private readonly IBackend _cpu = LoopbackServer.Cpu();
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _active;
    private int _peak;
    private int _calls;

    public GatedBackend(bool open = false)
    {
        if (open)
        {
            Open();
        }
    }

    public BackendInfo Info => _cpu.Info;

    /// <summary>Set when a call reaches the backend.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Calls that reached the backend.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Most calls inside the backend at once.</summary>
    public int PeakActive => Volatile.Read(ref _peak);

    public void Open() => _open.TrySetResult();

    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var active = Interlocked.Increment(ref _active);
        for (var seen = Volatile.Read(ref _peak); active > seen && Interlocked.CompareExchange(ref _peak, active, seen) != seen; seen = Volatile.Read(ref _peak))
        {
        }

        try
        {
            Started.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
            return await _cpu.ExecuteAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    public void Dispose() => _cpu.Dispose();
}
