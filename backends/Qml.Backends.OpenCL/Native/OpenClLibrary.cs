using System.Reflection;
using System.Runtime.InteropServices;

namespace Qml.Backends.OpenCL.Native;

/// <summary>
/// Finds the OpenCL ICD loader. Debian's <c>ocl-icd-libopencl1</c> installs only
/// <c>libOpenCL.so.1</c> (the unversioned name comes with the -dev package), which .NET's default
/// probing for "OpenCL" never tries, so the import name is mapped here, inside this plugin's
/// assembly, whatever load context it lives in.
/// </summary>
internal static class OpenClLibrary
{
    /// <summary>Names of the loader on Linux, Windows and macOS, most specific first.</summary>
    public static IReadOnlyList<string> DefaultNames { get; } =
    [
        "libOpenCL.so.1",
        "libOpenCL.so",
        "OpenCL.dll",
        "/System/Library/Frameworks/OpenCL.framework/OpenCL",
    ];

    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Maps the import name <see cref="ClNative.Library"/> to the first loader that loads.</summary>
    public static void RegisterResolver()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(OpenClLibrary).Assembly, Resolve);
            _registered = true;
        }
    }

    /// <summary>
    /// Tries to load <paramref name="names"/> in order; on failure says which names were tried and
    /// what to install, for <see cref="Platform.PlatformDiscovery"/>'s unavailable reason.
    /// </summary>
    public static bool TryLoad(IReadOnlyList<string> names, out string reason)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, typeof(OpenClLibrary).Assembly, DllImportSearchPath.SafeDirectories, out _))
            {
                reason = string.Empty;
                return true;
            }
        }

        reason = $"the OpenCL loader could not be loaded (tried {string.Join(", ", names)}); "
            + "install an ICD loader and a driver, e.g. on Debian/Ubuntu `apt-get install ocl-icd-libopencl1 pocl-opencl-icd` for the CPU or your GPU vendor's OpenCL driver";
        return false;
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != ClNative.Library)
        {
            return 0;
        }

        foreach (var candidate in DefaultNames)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        // Zero falls through to default probing, which throws DllNotFoundException: the caller
        // (discovery) turns that into an unavailable reason.
        return 0;
    }
}
