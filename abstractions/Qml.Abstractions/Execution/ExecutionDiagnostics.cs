namespace Qml.Abstractions.Execution;

/// <summary>What a backend reports about how it ran a request.</summary>
/// <param name="Backend">Name of the backend that ran it.</param>
/// <param name="Elapsed">Wall-clock time inside the backend.</param>
/// <param name="Threads">Threads the backend used.</param>
/// <param name="ShotsUsed">Shots taken across all rows (rows × shots for a sampled request).</param>
/// <param name="TruncationError">Accumulated discarded weight (approximate backends; 0 when exact).</param>
/// <param name="MaxBondDimension">Largest bond reached (tensor-network backends; 0 otherwise).</param>
public sealed record ExecutionDiagnostics(
    string Backend,
    TimeSpan Elapsed,
    int Threads = 1,
    long ShotsUsed = 0,
    double TruncationError = 0.0,
    int MaxBondDimension = 0)
{
    /// <summary>Anything else worth reporting, e.g. the device that ran it.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
