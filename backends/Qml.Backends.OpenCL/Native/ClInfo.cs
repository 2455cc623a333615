using System.Text;

namespace Qml.Backends.OpenCL.Native;

/// <summary>Typed reads of clGetPlatformInfo / clGetDeviceInfo values.</summary>
internal static unsafe class ClInfo
{
    public static string PlatformString(nint platform, uint parameter) =>
        ReadString((size, value, returned) => ClNative.clGetPlatformInfo(platform, parameter, size, value, returned), "clGetPlatformInfo");

    public static string DeviceString(nint device, uint parameter) =>
        ReadString((size, value, returned) => ClNative.clGetDeviceInfo(device, parameter, size, value, returned), "clGetDeviceInfo");

    public static T DeviceValue<T>(nint device, uint parameter)
        where T : unmanaged
    {
        T value = default;
        ClStatus.Check(ClNative.clGetDeviceInfo(device, parameter, (nuint)sizeof(T), &value, null), "clGetDeviceInfo");
        return value;
    }

    private delegate int InfoQuery(nuint size, void* value, nuint* returned);

    private static string ReadString(InfoQuery query, string call)
    {
        nuint length;
        ClStatus.Check(query(0, null, &length), call);
        if (length == 0)
        {
            return string.Empty;
        }

        var bytes = new byte[(int)length];
        fixed (byte* pointer = bytes)
        {
            ClStatus.Check(query(length, pointer, null), call);
        }

        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }
}
