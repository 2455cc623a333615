using System.Globalization;
using Qml.Abstractions.Execution;
using Qml.Backends.OpenCL.Platform;

namespace Qml.Backends.OpenCL.Simulation;

/// <summary>
/// Decides, before allocating, how many rows of a request share the device at once, and refuses
/// states that cannot fit with a message naming the sizes and the device's limits.
/// </summary>
internal sealed class DeviceBudget(OpenClDeviceInfo device, bool doublePrecision, string backend)
{
    /// <summary>Fraction of global memory we plan for; the rest is the driver's (and, on POCL, the host's).</summary>
    private const double UsableFraction = 0.8;

    /// <summary>Beyond this, index arithmetic and host result arrays stop making sense.</summary>
    public const int AbsoluteMaxQubits = 30;

    /// <summary>
    /// Amplitudes per chunk above which adding rows buys nothing (each launch is already large)
    /// but costs memory that other processes may need.
    /// </summary>
    private const ulong ChunkAmplitudes = 1UL << 22;

    private ulong RealBytes => doublePrecision ? 8UL : 4UL;

    public ulong UsableBytes => (ulong)(device.GlobalMemoryBytes * UsableFraction);

    public ulong StateBytes(int n) => (1UL << n) * 2UL * RealBytes;

    /// <summary>Largest circuit whose single state vector fits one buffer and the usable memory.</summary>
    public int MaxQubits(double statesPerRow = 1.0)
    {
        var n = AbsoluteMaxQubits;
        while (n > 0 && !Fits(n, statesPerRow, 0))
        {
            n--;
        }

        return n;
    }

    /// <summary>Rows per chunk for a request, at least 1; throws when even one row does not fit.</summary>
    /// <param name="n">Qubits.</param>
    /// <param name="rows">Rows of the request.</param>
    /// <param name="statesPerRow">State vectors each row holds on the device (1, or 3 for gradients).</param>
    /// <param name="realsPerAmplitude">Extra reals per amplitude (a probability buffer for sampling).</param>
    /// <param name="what">What the buffers are for, for the error.</param>
    public int RowsPerChunk(int n, int rows, double statesPerRow, double realsPerAmplitude, string what)
    {
        if (!Fits(n, statesPerRow, realsPerAmplitude))
        {
            throw TooLarge(n, statesPerRow, realsPerAmplitude, what);
        }

        var perRow = RowBytes(n, statesPerRow, realsPerAmplitude);
        var byMemory = UsableBytes / perRow;
        var byAllocation = device.MaxAllocationBytes / StateBytes(n);
        var bySize = Math.Max(1UL, ChunkAmplitudes >> n);
        return (int)Math.Max(1UL, Math.Min((ulong)rows, Math.Min(bySize, Math.Min(byMemory, byAllocation))));
    }

    private bool Fits(int n, double statesPerRow, double realsPerAmplitude) =>
        n <= AbsoluteMaxQubits
        && StateBytes(n) <= device.MaxAllocationBytes
        && RowBytes(n, statesPerRow, realsPerAmplitude) <= UsableBytes;

    private ulong RowBytes(int n, double statesPerRow, double realsPerAmplitude) =>
        (ulong)((StateBytes(n) * statesPerRow) + ((1UL << n) * realsPerAmplitude * RealBytes));

    private BackendException TooLarge(int n, double statesPerRow, double realsPerAmplitude, string what)
    {
        var info = device;
        var fit = n;
        while (fit > 0 && !Fits(fit, statesPerRow, realsPerAmplitude))
        {
            fit--;
        }

        var precision = doublePrecision ? "complex double" : "complex float";
        return new BackendException(
            backend,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{n} qubits need {Bytes(StateBytes(n))} per state vector (2^{n} {precision} amplitudes) and {Bytes(RowBytes(n, statesPerRow, realsPerAmplitude))} for {what}; "
                + $"device '{info.Name}' has {Bytes(info.GlobalMemoryBytes)} of global memory ({Bytes(UsableBytes)} usable) and allows {Bytes(info.MaxAllocationBytes)} per buffer (CL_DEVICE_MAX_MEM_ALLOC_SIZE), "
                + $"so at most {fit} qubits fit{(n > AbsoluteMaxQubits ? $" (and this backend stops at {AbsoluteMaxQubits})" : string.Empty)}."));
    }

    private static string Bytes(double bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var unit = 0;
        while (bytes >= 1024.0 && unit < units.Length - 1)
        {
            bytes /= 1024.0;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes:0.#} {units[unit]}");
    }
}
