namespace Qml.Backends.OpenCL.Platform;

/// <summary>What discovery found: the devices, or why there are none.</summary>
internal sealed record OpenClDiscovery(IReadOnlyList<OpenClDeviceInfo> Devices, string? UnavailableReason)
{
    public bool IsAvailable => UnavailableReason is null && Devices.Count > 0;

    public static OpenClDiscovery Unavailable(string reason) => new([], reason);
}
