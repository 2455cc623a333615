using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Qml.Backends.Mps.Linear;

/// <summary>
/// The few dense complex operations tensor contractions need, on row-major spans. Every product
/// is built from one SIMD complex axpy (row += a · row), so the inner loop is contiguous.
/// </summary>
internal static class ComplexBlas
{
    /// <summary>C (m×n) = A (m×k) · B (k×n).</summary>
    public static void Multiply(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Span<Complex> c, int m, int k, int n)
    {
        c[..(m * n)].Clear();
        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            var aRow = a.Slice(i * k, k);
            for (var p = 0; p < k; p++)
            {
                var factor = aRow[p];
                if (factor != Complex.Zero)
                {
                    Axpy(factor, b.Slice(p * n, n), row);
                }
            }
        }
    }

    /// <summary>C (k×n) = A^H · B for A (m×k) and B (m×n).</summary>
    public static void MultiplyAdjointLeft(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Span<Complex> c, int m, int k, int n)
    {
        c[..(k * n)].Clear();
        for (var i = 0; i < m; i++)
        {
            var bRow = b.Slice(i * n, n);
            var aRow = a.Slice(i * k, k);
            for (var p = 0; p < k; p++)
            {
                var factor = Complex.Conjugate(aRow[p]);
                if (factor != Complex.Zero)
                {
                    Axpy(factor, bRow, c.Slice(p * n, n));
                }
            }
        }
    }

    /// <summary>y += a · x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(Complex a, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        var xs = MemoryMarshal.Cast<Complex, double>(x);
        var ys = MemoryMarshal.Cast<Complex, double>(y);
        double ar = a.Real, ai = a.Imaginary;
        var i = 0;
        if (Vector512.IsHardwareAccelerated && xs.Length >= 8)
        {
            // (ar + i·ai)(xr + i·xi) = (ar·xr − ai·xi) + i(ar·xi + ai·xr): one multiply by ar, one by
            // ±ai of the pair-swapped x.
            var real = Vector512.Create(ar);
            var imag = Vector512.Create(-ai, ai, -ai, ai, -ai, ai, -ai, ai);
            var swap = Vector512.Create(1L, 0, 3, 2, 5, 4, 7, 6);
            ref var xr = ref MemoryMarshal.GetReference(xs);
            ref var yr = ref MemoryMarshal.GetReference(ys);
            for (; i <= xs.Length - 8; i += 8)
            {
                var xv = Vector512.LoadUnsafe(ref xr, (nuint)i);
                var yv = Vector512.LoadUnsafe(ref yr, (nuint)i);
                yv += (real * xv) + (imag * Vector512.Shuffle(xv, swap));
                yv.StoreUnsafe(ref yr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && xs.Length >= 4)
        {
            var real = Vector256.Create(ar);
            var imag = Vector256.Create(-ai, ai, -ai, ai);
            var swap = Vector256.Create(1L, 0, 3, 2);
            ref var xr = ref MemoryMarshal.GetReference(xs);
            ref var yr = ref MemoryMarshal.GetReference(ys);
            for (; i <= xs.Length - 4; i += 4)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                yv += (real * xv) + (imag * Vector256.Shuffle(xv, swap));
                yv.StoreUnsafe(ref yr, (nuint)i);
            }
        }

        for (; i < xs.Length; i += 2)
        {
            double xr = xs[i], xi = xs[i + 1];
            ys[i] += (ar * xr) - (ai * xi);
            ys[i + 1] += (ar * xi) + (ai * xr);
        }
    }

    /// <summary>Σ conj(x_i)·y_i.</summary>
    public static Complex ConjugateDot(ReadOnlySpan<Complex> x, ReadOnlySpan<Complex> y)
    {
        var xs = MemoryMarshal.Cast<Complex, double>(x);
        var ys = MemoryMarshal.Cast<Complex, double>(y);
        double real = 0.0, imaginary = 0.0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && xs.Length >= 4)
        {
            // x·y summed gives Σ xr·yr + xi·yi; x times the pair-swapped y with signs (+, −) gives Σ xr·yi − xi·yr.
            var swap = Vector256.Create(1L, 0, 3, 2);
            var sign = Vector256.Create(1.0, -1.0, 1.0, -1.0);
            var accumulateReal = Vector256<double>.Zero;
            var accumulateImaginary = Vector256<double>.Zero;
            ref var xr = ref MemoryMarshal.GetReference(xs);
            ref var yr = ref MemoryMarshal.GetReference(ys);
            for (; i <= xs.Length - 4; i += 4)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                accumulateReal += xv * yv;
                accumulateImaginary += xv * Vector256.Shuffle(yv, swap) * sign;
            }

            real = Vector256.Sum(accumulateReal);
            imaginary = Vector256.Sum(accumulateImaginary);
        }

        for (; i < xs.Length; i += 2)
        {
            double xre = xs[i], xim = xs[i + 1], yre = ys[i], yim = ys[i + 1];
            real += (xre * yre) + (xim * yim);
            imaginary += (xre * yim) - (xim * yre);
        }

        return new Complex(real, imaginary);
    }

    /// <summary>Σ |x_i|².</summary>
    public static double SquaredNorm(ReadOnlySpan<Complex> x)
    {
        var values = MemoryMarshal.Cast<Complex, double>(x);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v * v;
        }

        return sum;
    }

    /// <summary>Writes the conjugate transpose of A (m×n) into T (n×m).</summary>
    public static void ConjugateTranspose(ReadOnlySpan<Complex> a, Span<Complex> t, int m, int n)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                t[(j * m) + i] = Complex.Conjugate(a[(i * n) + j]);
            }
        }
    }
}
