using Qml.Backends.OpenCL.Native;

namespace Qml.Backends.OpenCL.Device;

/// <summary>
/// One device buffer. Disposing releases the device memory at once (the SafeHandle also covers
/// a forgotten Dispose); reads and writes are blocking, so host spans need not outlive a call.
/// </summary>
internal sealed unsafe class DeviceBuffer : IDisposable
{
    private readonly DeviceContext _device;

    public DeviceBuffer(DeviceContext device, ulong bytes, bool readOnly = false)
    {
        _device = device;

        // A zero-sized buffer is invalid in OpenCL; keep one element so empty tables still bind.
        Bytes = Math.Max(bytes, 16);
        Handle = ClNative.clCreateBuffer(device.Context, readOnly ? ClConstants.MemReadOnly : ClConstants.MemReadWrite, (nuint)Bytes, null, out var status);
        ClStatus.Check(status, "clCreateBuffer");
    }

    public ulong Bytes { get; }

    public ClMemHandle Handle { get; }

    public void Write<T>(ReadOnlySpan<T> source, ulong byteOffset = 0)
        where T : unmanaged
    {
        if (source.IsEmpty)
        {
            return;
        }

        fixed (T* pointer = source)
        {
            ClStatus.Check(
                ClNative.clEnqueueWriteBuffer(_device.Queue, Handle, 1, (nuint)byteOffset, (nuint)(source.Length * sizeof(T)), pointer, 0, null, null),
                "clEnqueueWriteBuffer");
        }
    }

    public void Read<T>(Span<T> destination, ulong byteOffset = 0)
        where T : unmanaged
    {
        if (destination.IsEmpty)
        {
            return;
        }

        fixed (T* pointer = destination)
        {
            ClStatus.Check(
                ClNative.clEnqueueReadBuffer(_device.Queue, Handle, 1, (nuint)byteOffset, (nuint)(destination.Length * sizeof(T)), pointer, 0, null, null),
                "clEnqueueReadBuffer");
        }
    }

    /// <summary>Copies <paramref name="bytes"/> from this buffer into <paramref name="destination"/>, on the device.</summary>
    public void CopyTo(DeviceBuffer destination, ulong bytes) =>
        ClStatus.Check(
            ClNative.clEnqueueCopyBuffer(_device.Queue, Handle, destination.Handle, 0, 0, (nuint)bytes, 0, null, null),
            "clEnqueueCopyBuffer");

    public void Dispose() => Handle.Dispose();
}
