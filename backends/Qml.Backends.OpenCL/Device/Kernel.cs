using Qml.Backends.OpenCL.Native;

namespace Qml.Backends.OpenCL.Device;

/// <summary>
/// One kernel of the program with fluent argument setting and launch. Kernel objects hold their
/// arguments, so a backend serialises requests (see <see cref="DeviceContext.Gate"/>).
/// </summary>
internal sealed unsafe class Kernel(DeviceContext device, string name, ClKernelHandle handle) : IDisposable
{
    private uint _next;

    public string Name { get; } = name;

    /// <summary>Starts a launch: arguments follow in declaration order.</summary>
    public Kernel Args()
    {
        _next = 0;
        return this;
    }

    public Kernel Arg(DeviceBuffer buffer)
    {
        var memory = buffer.Handle.DangerousGetHandle();
        return Set(&memory, (nuint)sizeof(nint));
    }

    public Kernel Arg(uint value) => Set(&value, sizeof(uint));

    public Kernel Arg(ulong value) => Set(&value, sizeof(ulong));

    /// <summary>
    /// Enqueues over <paramref name="x"/>×<paramref name="y"/>×<paramref name="z"/> items in
    /// work-groups of <paramref name="localX"/>×1×1. Without one we still choose (the largest power
    /// of two dividing x, at most the device's group size) rather than let the driver: POCL compiles
    /// a kernel once per work-group shape, and its own choice follows the row count, which cost
    /// dozens of compilations per test run.
    /// </summary>
    public void Launch(ulong x, ulong y = 1, ulong z = 1, ulong localX = 0)
    {
        if (localX == 0)
        {
            localX = Math.Min(x & (~x + 1), (ulong)device.GroupSize);
        }

        var dimensions = z > 1 ? 3u : y > 1 ? 2u : 1u;
        var global = stackalloc nuint[3] { (nuint)x, (nuint)y, (nuint)z };
        var local = stackalloc nuint[3] { (nuint)localX, 1, 1 };
        ClStatus.Check(
            ClNative.clEnqueueNDRangeKernel(device.Queue, handle, dimensions, null, global, local, 0, null, null),
            Name);
    }

    public void Dispose() => handle.Dispose();

    private Kernel Set(void* value, nuint size)
    {
        ClStatus.Check(ClNative.clSetKernelArg(handle, _next, size, value), $"clSetKernelArg({Name}, {_next})");
        _next++;
        return this;
    }
}
