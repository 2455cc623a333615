using Qml.Abstractions.Execution;

namespace Qml.Backends.Cpu;

/// <summary>The CPU backend's options, parsed and validated.</summary>
/// <param name="Threads">Threads spread over rows (small states) or amplitudes (large states).</param>
/// <param name="ParallelMinQubits">Smallest state whose gates are spread over threads.</param>
internal sealed record CpuBackendSettings(int Threads, int ParallelMinQubits)
{
    public const string ThreadsKey = "threads";

    public const string ParallelMinQubitsKey = "parallel-min-qubits";

    /// <summary>
    /// Measured on 2 cores: a gate on 2^15–2^17 amplitudes takes 6–25 µs, about what waking a
    /// second thread costs, so below 16 qubits threads go to rows instead of amplitudes.
    /// </summary>
    public const int DefaultParallelMinQubits = 16;

    public static int MaxThreads => Environment.ProcessorCount * 4;

    public static IReadOnlyList<BackendOptionInfo> Documented { get; } =
    [
        new(
            ThreadsKey,
            $"Worker threads (1..{MaxThreads}): batch rows run in parallel for small states, the amplitudes of one state for large ones (see {ParallelMinQubitsKey}).",
            "processor count"),
        new(
            ParallelMinQubitsKey,
            "States with at least this many qubits (1..30) spread every gate over the threads; smaller ones run batch rows in parallel instead.",
            DefaultParallelMinQubits.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static CpuBackendSettings Parse(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireKnown(CpuBackendFactory.BackendName, Documented);
        return new CpuBackendSettings(
            options.GetInt(ThreadsKey, Environment.ProcessorCount, 1, MaxThreads),
            options.GetInt(ParallelMinQubitsKey, DefaultParallelMinQubits, 1, Memory.MemoryBudget.AbsoluteMaxQubits));
    }
}
