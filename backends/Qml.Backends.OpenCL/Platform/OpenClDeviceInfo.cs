using System.Globalization;

namespace Qml.Backends.OpenCL.Platform;

/// <summary>One OpenCL device as discovery found it; <see cref="Index"/> is what <c>device=N</c> selects.</summary>
internal sealed record OpenClDeviceInfo(
    int Index,
    nint PlatformId,
    nint DeviceId,
    string PlatformName,
    string Name,
    string Version,
    ulong GlobalMemoryBytes,
    ulong MaxAllocationBytes,
    uint ComputeUnits,
    nuint MaxWorkGroupSize,
    bool SupportsDouble)
{
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"[{Index}] {Name} ({PlatformName}): {GlobalMemoryBytes / (1024.0 * 1024 * 1024):0.##} GiB global memory, {MaxAllocationBytes / (1024.0 * 1024 * 1024):0.##} GiB per buffer, {ComputeUnits} compute units, {(SupportsDouble ? "fp64" : "no fp64 (single precision only)")}");
}
