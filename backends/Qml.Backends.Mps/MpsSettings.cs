using System.Globalization;
using Qml.Abstractions;
using Qml.Abstractions.Execution;

namespace Qml.Backends.Mps;

/// <summary>The MPS backend's options, parsed and validated.</summary>
/// <param name="MaxBond">Largest bond dimension an SVD may keep; larger spectra are truncated.</param>
/// <param name="Cutoff">Largest relative weight (Σ dropped σ² / Σ σ²) one SVD may discard.</param>
/// <param name="Threads">Binding-table rows simulated in parallel.</param>
internal sealed record MpsSettings(int MaxBond, double Cutoff, int Threads)
{
    public const string MaxBondKey = "max-bond";

    public const string CutoffKey = "cutoff";

    public const string ThreadsKey = "threads";

    /// <summary>
    /// 256 = 2^8 is the largest Schmidt rank of any state of up to 16 qubits, so with the default
    /// cap every circuit the statevector backends can also run is simulated without truncation.
    /// </summary>
    public const int DefaultMaxBond = 256;

    /// <summary>Largest bond accepted: one two-site SVD then works on 2·4096 × 2·4096 complex matrices (1 GiB).</summary>
    public const int MaxMaxBond = 4096;

    /// <summary>
    /// Discarding weight ε in one SVD moves amplitudes by up to √ε. 1e-16 (Qiskit Aer's default
    /// threshold too) keeps the shared suite's 14-qubit random circuits within 1e-10 of a
    /// statevector, where 1e-12 left them 3e-8 off; it still drops the numerically-zero tails,
    /// so bonds stay at the state's actual rank.
    /// </summary>
    public const double DefaultCutoff = 1e-16;

    public static int MaxThreads => Environment.ProcessorCount * 4;

    public static IReadOnlyList<BackendOptionInfo> Documented { get; } =
    [
        new(
            MaxBondKey,
            $"Largest bond dimension kept by a truncated SVD (1..{MaxMaxBond}); the default keeps every state of up to 16 qubits exact. Truncation is reported in the diagnostics (TruncationError, MaxBondDimension, fidelityEstimate).",
            DefaultMaxBond.ToString(CultureInfo.InvariantCulture)),
        new(
            CutoffKey,
            "Largest relative weight (sum of dropped squared singular values over their total) one SVD may discard, in [0, 1); 0 keeps everything but numerical zeros.",
            DefaultCutoff.ToString("R", CultureInfo.InvariantCulture)),
        new(
            ThreadsKey,
            $"Binding-table rows simulated in parallel (1..{MaxThreads}).",
            "processor count"),
    ];

    public static MpsSettings Default { get; } = new(DefaultMaxBond, DefaultCutoff, Environment.ProcessorCount);

    public static MpsSettings Parse(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireKnown(MpsBackendFactory.BackendName, Documented);
        var maxBond = options.GetInt(MaxBondKey, DefaultMaxBond, 1, MaxMaxBond);
        var cutoff = options.GetDouble(CutoffKey, DefaultCutoff, 0.0, 1.0);
        if (cutoff >= 1.0)
        {
            // GetDouble's range is inclusive; a cutoff of 1 would let an SVD discard the whole state.
            throw new QmlException($"Backend option '{CutoffKey}={options.GetString(CutoffKey)}' is invalid: expected a number in [0, 1), e.g. 1e-12.");
        }

        return new MpsSettings(maxBond, cutoff, options.GetInt(ThreadsKey, Environment.ProcessorCount, 1, MaxThreads));
    }
}
