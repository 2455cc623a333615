using Qml.Abstractions.Execution;

namespace Qml.Backends.Cpu;

/// <summary>The CPU backend's options, parsed and validated.</summary>
/// <param name="Threads">Threads spread over rows (small states) or amplitudes (large states).</param>
internal sealed record CpuBackendSettings(int Threads)
{
    public const string ThreadsKey = "threads";

    public static int MaxThreads => Environment.ProcessorCount * 4;

    public static IReadOnlyList<BackendOptionInfo> Documented { get; } =
    [
        new(
            ThreadsKey,
            $"Worker threads (1..{MaxThreads}): rows run in parallel for states under {Kernels.AmplitudeParallelism.MinQubitsForThreads} qubits, amplitudes of one state above.",
            "processor count"),
    ];

    public static CpuBackendSettings Parse(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireKnown(CpuBackendFactory.BackendName, Documented);
        return new CpuBackendSettings(options.GetInt(ThreadsKey, Environment.ProcessorCount, 1, MaxThreads));
    }
}
