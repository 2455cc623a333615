using Qml.Backends.OpenCL.Native;

namespace Qml.Backends.OpenCL.Platform;

/// <summary>
/// Lists every device of every OpenCL platform, or says precisely why there is none: no loader
/// library, no installed driver (ICD), or platforms without devices. Never throws, so a machine
/// without OpenCL still lists the backend as unavailable and the host goes on.
/// </summary>
internal static unsafe class PlatformDiscovery
{
    /// <param name="libraryNames">Loader names to probe (a seam: tests pass a name that does not exist).</param>
    public static OpenClDiscovery Discover(IReadOnlyList<string> libraryNames)
    {
        if (!OpenClLibrary.TryLoad(libraryNames, out var reason))
        {
            return OpenClDiscovery.Unavailable(reason);
        }

        try
        {
            return DiscoverDevices();
        }
        catch (DllNotFoundException e)
        {
            return OpenClDiscovery.Unavailable($"the OpenCL loader could not be bound: {e.Message}");
        }
        catch (EntryPointNotFoundException e)
        {
            return OpenClDiscovery.Unavailable($"the OpenCL loader lacks an OpenCL 1.2 entry point: {e.Message}");
        }
        catch (OpenClCallException e)
        {
            return OpenClDiscovery.Unavailable($"querying the OpenCL platforms failed: {e.Message}");
        }
    }

    private static OpenClDiscovery DiscoverDevices()
    {
        uint platformCount;
        var status = ClNative.clGetPlatformIDs(0, null, &platformCount);
        if (status == ClStatus.PlatformNotFoundKhr || (status == ClStatus.Success && platformCount == 0))
        {
            return OpenClDiscovery.Unavailable(
                "the OpenCL loader found no platform: no driver (ICD) is registered in /etc/OpenCL/vendors; install one, e.g. `apt-get install pocl-opencl-icd` for the CPU or your GPU vendor's OpenCL driver");
        }

        ClStatus.Check(status, "clGetPlatformIDs");
        var platforms = new nint[platformCount];
        fixed (nint* pointer = platforms)
        {
            ClStatus.Check(ClNative.clGetPlatformIDs(platformCount, pointer, null), "clGetPlatformIDs");
        }

        var devices = new List<OpenClDeviceInfo>();
        var platformNames = new List<string>();
        foreach (var platform in platforms)
        {
            var platformName = ClInfo.PlatformString(platform, ClConstants.PlatformName);
            platformNames.Add(platformName);
            uint deviceCount;
            status = ClNative.clGetDeviceIDs(platform, ClConstants.DeviceTypeAll, 0, null, &deviceCount);
            if (status == ClStatus.DeviceNotFound || deviceCount == 0)
            {
                continue;
            }

            ClStatus.Check(status, "clGetDeviceIDs");
            var ids = new nint[deviceCount];
            fixed (nint* pointer = ids)
            {
                ClStatus.Check(ClNative.clGetDeviceIDs(platform, ClConstants.DeviceTypeAll, deviceCount, pointer, null), "clGetDeviceIDs");
            }

            foreach (var id in ids)
            {
                devices.Add(Describe(devices.Count, platform, platformName, id));
            }
        }

        return devices.Count == 0
            ? OpenClDiscovery.Unavailable($"the OpenCL platform(s) {string.Join(", ", platformNames.Select(p => $"'{p}'"))} report no device")
            : new OpenClDiscovery(devices, null);
    }

    private static OpenClDeviceInfo Describe(int index, nint platform, string platformName, nint device)
    {
        var extensions = ClInfo.DeviceString(device, ClConstants.DeviceExtensions);

        // cl_khr_fp64 is the OpenCL 1.x signal; 2.0+ devices may report doubles only through
        // a non-zero CL_DEVICE_DOUBLE_FP_CONFIG.
        var fp64 = extensions.Contains("cl_khr_fp64", StringComparison.Ordinal)
            || ClInfo.DeviceValue<ulong>(device, ClConstants.DeviceDoubleFpConfig) != 0;
        return new OpenClDeviceInfo(
            index,
            platform,
            device,
            platformName,
            ClInfo.DeviceString(device, ClConstants.DeviceName),
            ClInfo.DeviceString(device, ClConstants.DeviceVersion),
            ClInfo.DeviceValue<ulong>(device, ClConstants.DeviceGlobalMemSize),
            ClInfo.DeviceValue<ulong>(device, ClConstants.DeviceMaxMemAllocSize),
            ClInfo.DeviceValue<uint>(device, ClConstants.DeviceMaxComputeUnits),
            ClInfo.DeviceValue<nuint>(device, ClConstants.DeviceMaxWorkGroupSize),
            fp64);
    }
}
