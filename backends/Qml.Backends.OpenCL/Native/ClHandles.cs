using Microsoft.Win32.SafeHandles;

namespace Qml.Backends.OpenCL.Native;

// One SafeHandle per OpenCL object kind: each is released exactly once, by Dispose or, if a
// caller forgot, by the finalizer, and never while a native call is using it.

/// <summary>An OpenCL context.</summary>
internal sealed class ClContextHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseContext(handle) == ClStatus.Success;
}

/// <summary>An in-order command queue.</summary>
internal sealed class ClQueueHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseCommandQueue(handle) == ClStatus.Success;
}

/// <summary>A built program.</summary>
internal sealed class ClProgramHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseProgram(handle) == ClStatus.Success;
}

/// <summary>A kernel object (holds its arguments between launches).</summary>
internal sealed class ClKernelHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseKernel(handle) == ClStatus.Success;
}

/// <summary>A device buffer.</summary>
internal sealed class ClMemHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseMemObject(handle) == ClStatus.Success;
}
