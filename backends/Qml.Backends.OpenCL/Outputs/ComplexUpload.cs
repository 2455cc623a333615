using System.Numerics;
using Qml.Backends.OpenCL.Device;

namespace Qml.Backends.OpenCL.Outputs;

/// <summary>Moves complex and real arrays between host doubles and the device's precision.</summary>
internal static class ComplexUpload
{
    public static DeviceBuffer Allocate(DeviceContext device, ReadOnlySpan<Complex> values)
    {
        var buffer = device.Allocate((ulong)values.Length * 2UL * (ulong)device.RealBytes, readOnly: true);
        Write(device, buffer, values);
        return buffer;
    }

    public static void Write(DeviceContext device, DeviceBuffer buffer, ReadOnlySpan<Complex> values)
    {
        if (device.DoublePrecision)
        {
            buffer.Write(values);
            return;
        }

        var single = new float[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            single[2 * i] = (float)values[i].Real;
            single[(2 * i) + 1] = (float)values[i].Imaginary;
        }

        buffer.Write<float>(single);
    }

    public static void ReadComplex(DeviceContext device, DeviceBuffer buffer, Span<Complex> destination, ulong firstElement = 0)
    {
        if (device.DoublePrecision)
        {
            buffer.Read(destination, firstElement * 16);
            return;
        }

        var single = new float[destination.Length * 2];
        buffer.Read<float>(single, firstElement * 8);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = new Complex(single[2 * i], single[(2 * i) + 1]);
        }
    }

    public static void ReadReal(DeviceContext device, DeviceBuffer buffer, Span<double> destination, ulong firstElement = 0)
    {
        if (device.DoublePrecision)
        {
            buffer.Read(destination, firstElement * 8);
            return;
        }

        var single = new float[destination.Length];
        buffer.Read<float>(single, firstElement * 4);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = single[i];
        }
    }
}
