using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Qml.Host.Bench;

/// <summary>
/// Measures the in-place read-modify-write bandwidth of a buffer as large as a state vector,
/// with the same access pattern as a gate sweep (every byte read once and written once), so a
/// gate's effective bandwidth can be reported as a fraction of what the memory can do.
/// </summary>
internal static unsafe class MemoryBandwidth
{
    /// <summary>Best bytes-per-second (read + written) over <paramref name="repeats"/> sweeps.</summary>
    public static double MeasureReadModifyWrite(long bytes, int threads, int repeats)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 4096L);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var doubles = bytes / sizeof(double);
        var buffer = (double*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        try
        {
            // First touch in parallel, so pages are mapped before timing starts.
            Sweep(buffer, doubles, threads, 0.0, 1.0);
            var best = double.MaxValue;
            for (var r = 0; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                Sweep(buffer, doubles, threads, 0.999_999, 1e-9);
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }

            return 2.0 * bytes / best;
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    private static void Sweep(double* buffer, long length, int threads, double scale, double offset)
    {
        var address = (nint)buffer;
        var chunk = (length / threads) & ~7L;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var start = t * chunk;
            var end = t == threads - 1 ? length : start + chunk;
            ScaleInPlace((double*)address + start, end - start, scale, offset);
        });
    }

    private static void ScaleInPlace(double* data, long length, double scale, double offset)
    {
        long i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(scale);
            var b = Vector512.Create(offset);
            for (; i + 8 <= length; i += 8)
            {
                Vector512.Store((Vector512.Load(data + i) * a) + b, data + i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(scale);
            var b = Vector256.Create(offset);
            for (; i + 4 <= length; i += 4)
            {
                Vector256.Store((Vector256.Load(data + i) * a) + b, data + i);
            }
        }

        for (; i < length; i++)
        {
            data[i] = (data[i] * scale) + offset;
        }
    }
}
