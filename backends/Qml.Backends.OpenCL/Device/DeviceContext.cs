using System.Text;
using Qml.Backends.OpenCL.Native;
using Qml.Backends.OpenCL.Platform;

namespace Qml.Backends.OpenCL.Device;

/// <summary>
/// Everything one backend instance holds on its device: context, in-order queue, the built
/// program and its kernels. Built once at start-up (the kernel build is the slow part) and
/// released deterministically on Dispose.
/// </summary>
internal sealed unsafe class DeviceContext : IDisposable
{
    /// <summary>Reduction work-group size we ask for; lowered to what the device allows.</summary>
    private const int PreferredGroupSize = 64;

    private readonly Dictionary<string, Kernel> _kernels = new(StringComparer.Ordinal);

    public DeviceContext(OpenClDeviceInfo device, bool doublePrecision)
    {
        Device = device;
        DoublePrecision = doublePrecision;
        GroupSize = (int)Math.Min((ulong)PreferredGroupSize, 1UL << (int)Math.Log2(Math.Max(1, (double)device.MaxWorkGroupSize)));
        var id = device.DeviceId;
        Context = ClNative.clCreateContext(null, 1, &id, 0, 0, out var status);
        ClStatus.Check(status, "clCreateContext");
        try
        {
            Queue = ClNative.clCreateCommandQueue(Context, id, 0, out status);
            ClStatus.Check(status, "clCreateCommandQueue");
            Program = KernelProgram.Build(Context, id, KernelProgram.Options(doublePrecision, GroupSize), device.Name);
        }
        catch
        {
            Queue?.Dispose();
            Context.Dispose();
            throw;
        }
    }

    public OpenClDeviceInfo Device { get; }

    public bool DoublePrecision { get; }

    /// <summary>Bytes of one real number on the device (8 or 4).</summary>
    public int RealBytes => DoublePrecision ? 8 : 4;

    /// <summary>Work-group size of the reductions (QML_GROUP in the kernels).</summary>
    public int GroupSize { get; }

    public ClContextHandle Context { get; }

    public ClQueueHandle Queue { get; } = null!;

    public ClProgramHandle Program { get; } = null!;

    /// <summary>Serialises requests: kernel objects carry their arguments, the queue is shared.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The kernel named <paramref name="name"/>, created on first use and kept.</summary>
    public Kernel this[string name]
    {
        get
        {
            if (!_kernels.TryGetValue(name, out var kernel))
            {
                var bytes = Encoding.ASCII.GetBytes(name + "\0");
                ClKernelHandle handle;
                int status;
                fixed (byte* text = bytes)
                {
                    handle = ClNative.clCreateKernel(Program, text, out status);
                }

                ClStatus.Check(status, $"clCreateKernel({name})");
                kernel = new Kernel(this, name, handle);
                _kernels.Add(name, kernel);
            }

            return kernel;
        }
    }

    public DeviceBuffer Allocate(ulong bytes, bool readOnly = false) => new(this, bytes, readOnly);

    /// <summary>Waits for everything enqueued so far.</summary>
    public void Finish() => ClStatus.Check(ClNative.clFinish(Queue), "clFinish");

    public void Dispose()
    {
        foreach (var kernel in _kernels.Values)
        {
            kernel.Dispose();
        }

        _kernels.Clear();
        Program?.Dispose();
        Queue?.Dispose();
        Context.Dispose();
    }
}
