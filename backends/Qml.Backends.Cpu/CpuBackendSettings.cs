using Qml.Abstractions.Execution;

namespace Qml.Backends.Cpu;

/// <summary>The CPU backend's options, parsed and validated.</summary>
/// <param name="Threads">Threads spread over rows (small states) or amplitudes (large states).</param>
/// <param name="ParallelMinQubits">Smallest state whose gates are spread over threads.</param>
/// <param name="FusionQubits">Widest block of fused gates in the forward pass: 0 (off), 2, 3 or 4.</param>
/// <param name="CacheBlockQubits">log2 of the chunks that runs of fused blocks on lower qubits are applied in.</param>
internal sealed record CpuBackendSettings(
    int Threads,
    int ParallelMinQubits,
    int FusionQubits = CpuBackendSettings.DefaultFusionQubits,
    int CacheBlockQubits = Simulation.CacheBlockedBatch.DefaultChunkQubits)
{
    /// <summary>What <c>fusion=on</c> (and no setting) means; see docs/benchmarks.md, "With gate fusion".</summary>
    public const int DefaultFusionQubits = 3;

    public const string FusionKey = "fusion";

    public const string ThreadsKey = "threads";

    public const string ParallelMinQubitsKey = "parallel-min-qubits";

    public const string CacheBlockQubitsKey = "cache-block-qubits";

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
            $"Gate fusion in the forward pass (off|on|2|3|4): runs of gates are multiplied into blocks on at most that many qubits, each applied in one pass over the state (on = {DefaultFusionQubits}; measurements, resets, barriers, conditioned gates and gates wider than the block are fences); runs of 3- and 4-qubit blocks on low qubits are applied chunk by chunk in cache. Off applies every gate on its own, as `qml bench -o fusion=off` measures.",
            "on"),
        new(
            CacheBlockQubitsKey,
            "With fusion=3 or 4, consecutive blocks on qubits below this (4..30) are applied chunk by chunk, 2^value amplitudes at a time, so one pass over memory serves them all; at or above the state's qubit count it is off.",
            Simulation.CacheBlockedBatch.DefaultChunkQubits.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static CpuBackendSettings Parse(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireKnown(CpuBackendFactory.BackendName, Documented);
        return new CpuBackendSettings(
            options.GetInt(ThreadsKey, Environment.ProcessorCount, 1, MaxThreads),
            options.GetInt(ParallelMinQubitsKey, DefaultParallelMinQubits, 1, Memory.MemoryBudget.AbsoluteMaxQubits),
            options.GetChoice(FusionKey, "on", "on", "off", "2", "3", "4") switch
            {
                "on" => DefaultFusionQubits,
                "off" => 0,
                var width => width[0] - '0',
            },
            options.GetInt(CacheBlockQubitsKey, Simulation.CacheBlockedBatch.DefaultChunkQubits, 4, Memory.MemoryBudget.AbsoluteMaxQubits));
    }
}
