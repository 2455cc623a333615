using System.Runtime.InteropServices;

namespace Qml.Backends.OpenCL.Native;

/// <summary>
/// The few OpenCL C API entry points the backend uses, bound against the ICD loader
/// (<c>libOpenCL.so.1</c>; see <see cref="OpenClLibrary"/> for how the name resolves). Handles
/// the backend owns come back as SafeHandles so they are released exactly once.
/// </summary>
internal static unsafe partial class ClNative
{
    /// <summary>The import name; <see cref="OpenClLibrary"/> maps it to the platform's loader.</summary>
    public const string Library = "OpenCL";

    static ClNative() => OpenClLibrary.RegisterResolver();

    [LibraryImport(Library)]
    public static partial int clGetPlatformIDs(uint numEntries, nint* platforms, uint* numPlatforms);

    [LibraryImport(Library)]
    public static partial int clGetPlatformInfo(nint platform, uint paramName, nuint valueSize, void* value, nuint* valueSizeReturned);

    [LibraryImport(Library)]
    public static partial int clGetDeviceIDs(nint platform, ulong deviceType, uint numEntries, nint* devices, uint* numDevices);

    [LibraryImport(Library)]
    public static partial int clGetDeviceInfo(nint device, uint paramName, nuint valueSize, void* value, nuint* valueSizeReturned);

    [LibraryImport(Library)]
    public static partial ClContextHandle clCreateContext(nint* properties, uint numDevices, nint* devices, nint notify, nint userData, out int errorCode);

    [LibraryImport(Library)]
    public static partial int clReleaseContext(nint context);

    // clCreateCommandQueue is deprecated in OpenCL 2.0 but every ICD still exports it, and it is
    // the only queue constructor a 1.2 device (many GPUs) understands.
    [LibraryImport(Library)]
    public static partial ClQueueHandle clCreateCommandQueue(ClContextHandle context, nint device, ulong properties, out int errorCode);

    [LibraryImport(Library)]
    public static partial int clReleaseCommandQueue(nint queue);

    [LibraryImport(Library)]
    public static partial ClProgramHandle clCreateProgramWithSource(ClContextHandle context, uint count, byte** strings, nuint* lengths, out int errorCode);

    [LibraryImport(Library)]
    public static partial int clBuildProgram(ClProgramHandle program, uint numDevices, nint* devices, byte* options, nint notify, nint userData);

    [LibraryImport(Library)]
    public static partial int clGetProgramBuildInfo(ClProgramHandle program, nint device, uint paramName, nuint valueSize, void* value, nuint* valueSizeReturned);

    [LibraryImport(Library)]
    public static partial int clReleaseProgram(nint program);

    [LibraryImport(Library)]
    public static partial ClKernelHandle clCreateKernel(ClProgramHandle program, byte* name, out int errorCode);

    [LibraryImport(Library)]
    public static partial int clReleaseKernel(nint kernel);

    [LibraryImport(Library)]
    public static partial int clSetKernelArg(ClKernelHandle kernel, uint index, nuint size, void* value);

    [LibraryImport(Library)]
    public static partial int clEnqueueNDRangeKernel(ClQueueHandle queue, ClKernelHandle kernel, uint workDimensions, nuint* globalOffset, nuint* globalSize, nuint* localSize, uint waitCount, nint* waitList, nint* completion);

    [LibraryImport(Library)]
    public static partial ClMemHandle clCreateBuffer(ClContextHandle context, ulong flags, nuint size, void* hostPointer, out int errorCode);

    [LibraryImport(Library)]
    public static partial int clReleaseMemObject(nint memory);

    [LibraryImport(Library)]
    public static partial int clEnqueueWriteBuffer(ClQueueHandle queue, ClMemHandle buffer, uint blocking, nuint offset, nuint size, void* source, uint waitCount, nint* waitList, nint* completion);

    [LibraryImport(Library)]
    public static partial int clEnqueueReadBuffer(ClQueueHandle queue, ClMemHandle buffer, uint blocking, nuint offset, nuint size, void* destination, uint waitCount, nint* waitList, nint* completion);

    [LibraryImport(Library)]
    public static partial int clEnqueueCopyBuffer(ClQueueHandle queue, ClMemHandle source, ClMemHandle destination, nuint sourceOffset, nuint destinationOffset, nuint size, uint waitCount, nint* waitList, nint* completion);

    [LibraryImport(Library)]
    public static partial int clFinish(ClQueueHandle queue);
}
