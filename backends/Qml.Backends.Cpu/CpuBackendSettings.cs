using Qml.Abstractions.Execution;

namespace Qml.Backends.Cpu;

/// <summary>The CPU backend's options, parsed and validated.</summary>
/// <param name="Threads">Threads spread over rows (small states) or amplitudes (large states).</param>
/// <param name="ParallelMinQubits">Smallest state whose gates are spread over threads.</param>
/// <param name="Fusion">Fuse runs of gates into 2×2 and 4×4 unitaries in the forward pass.</param>
internal sealed record CpuBackendSettings(int Threads, int ParallelMinQubits, bool Fusion = true)
{
    public const string FusionKey = "fusion";

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
        new(
            FusionKey,
            "Gate fusion in the forward pass (on|off): consecutive 1-qubit gates on a qubit become one 2×2, and 1- and 2-qubit gates on a pair are folded into one 4×4 (measurements, resets, barriers, conditions and 3-qubit gates are fences). Off applies every gate on its own, as `qml bench -o fusion=off` measures.",
            "on"),
    ];

    public static CpuBackendSettings Parse(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireKnown(CpuBackendFactory.BackendName, Documented);
        return new CpuBackendSettings(
            options.GetInt(ThreadsKey, Environment.ProcessorCount, 1, MaxThreads),
            options.GetInt(ParallelMinQubitsKey, DefaultParallelMinQubits, 1, Memory.MemoryBudget.AbsoluteMaxQubits),
            options.GetChoice(FusionKey, "on", "on", "off") == "on");
    }
}
