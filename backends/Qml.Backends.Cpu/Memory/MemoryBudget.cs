using System.Globalization;
using Qml.Abstractions.Execution;

namespace Qml.Backends.Cpu.Memory;

/// <summary>
/// Decides whether the state vectors a request needs fit in this machine's memory, before any
/// allocation, so a too-large circuit gets an explanation instead of an out-of-memory crash.
/// </summary>
internal static class MemoryBudget
{
    /// <summary>Fraction of the available memory we allow ourselves; the rest is for the GC, results and the OS.</summary>
    private const double UsableFraction = 0.8;

    /// <summary>Hard ceiling: beyond this the kernels' index arithmetic and result arrays stop making sense.</summary>
    public const int AbsoluteMaxQubits = 30;

    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The most qubits for which <paramref name="stateVectors"/> state vectors fit.</summary>
    public static int MaxQubitsThatFit(double stateVectors)
    {
        var usable = AvailableBytes * UsableFraction;
        var qubits = (int)Math.Floor(Math.Log2(usable / (16.0 * Math.Max(stateVectors, 1.0))));
        return Math.Clamp(qubits, 0, AbsoluteMaxQubits);
    }

    /// <summary>Throws when <paramref name="stateVectors"/> states of <paramref name="qubitCount"/> qubits do not fit.</summary>
    /// <param name="backend">Backend name for the error.</param>
    /// <param name="qubitCount">Qubits of the circuit.</param>
    /// <param name="stateVectors">State vectors alive at once (fractions for smaller buffers such as a sampling CDF).</param>
    /// <param name="why">What the state vectors are for, e.g. "2 rows in parallel".</param>
    public static void EnsureFits(string backend, int qubitCount, double stateVectors, string why)
    {
        var needed = Math.Pow(2.0, qubitCount) * 16.0 * stateVectors;
        var usable = AvailableBytes * UsableFraction;
        if (needed <= usable && qubitCount <= AbsoluteMaxQubits)
        {
            return;
        }

        var fit = MaxQubitsThatFit(stateVectors);
        var what = stateVectors == 1.0
            ? "one state vector"
            : string.Create(CultureInfo.InvariantCulture, $"{stateVectors:0.##} state vectors ({why})");
        throw new BackendException(
            backend,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{qubitCount} qubits need {FormatBytes(needed)} for {what} (2^{qubitCount} × 16 bytes{(stateVectors == 1.0 ? string.Empty : $" × {stateVectors:0.##}")}); "
                + $"{FormatBytes(AvailableBytes)} is available here, so at most {fit} qubits fit."));
    }

    private static string FormatBytes(double bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var unit = 0;
        while (bytes >= 1024.0 && unit < units.Length - 1)
        {
            bytes /= 1024.0;
            unit++;
        }

        return bytes >= 1e6
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0.###e0} {units[unit]}")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.#} {units[unit]}");
    }
}
