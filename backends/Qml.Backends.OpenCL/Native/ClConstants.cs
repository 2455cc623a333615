namespace Qml.Backends.OpenCL.Native;

/// <summary>The numeric OpenCL constants we pass (from CL/cl.h; stable since OpenCL 1.0).</summary>
internal static class ClConstants
{
    public const uint PlatformVersion = 0x0901;
    public const uint PlatformName = 0x0902;
    public const uint PlatformVendor = 0x0903;

    public const ulong DeviceTypeAll = 0xFFFFFFFF;

    public const uint DeviceType = 0x1000;
    public const uint DeviceMaxComputeUnits = 0x1002;
    public const uint DeviceMaxWorkGroupSize = 0x1004;
    public const uint DeviceMaxMemAllocSize = 0x1010;
    public const uint DeviceGlobalMemSize = 0x101F;
    public const uint DeviceAvailable = 0x1027;
    public const uint DeviceCompilerAvailable = 0x1028;
    public const uint DeviceName = 0x102B;
    public const uint DeviceVendor = 0x102C;
    public const uint DeviceVersion = 0x102F;
    public const uint DeviceExtensions = 0x1030;
    public const uint DeviceDoubleFpConfig = 0x1032;

    public const uint ProgramBuildLog = 0x1183;

    public const ulong MemReadWrite = 1;
    public const ulong MemReadOnly = 4;
}
