using System.Numerics;

namespace Qml.Abstractions.Decomposition;

/// <summary>
/// Small dense square complex matrices, row-major, for the unitary decompositions. Sizes stay
/// in the tens to hundreds, so plain loops are enough.
/// </summary>
internal static class ComplexMatrix
{
    public static Complex[] Identity(int n)
    {
        var result = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            result[(i * n) + i] = 1;
        }

        return result;
    }

    public static Complex[] Multiply(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, int n)
    {
        var result = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            var row = result.AsSpan(i * n, n);
            for (var k = 0; k < n; k++)
            {
                var factor = a[(i * n) + k];
                if (factor == Complex.Zero)
                {
                    continue;
                }

                var other = b.Slice(k * n, n);
                for (var j = 0; j < n; j++)
                {
                    row[j] += factor * other[j];
                }
            }
        }

        return result;
    }

    public static Complex[] Multiply(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, ReadOnlySpan<Complex> c, int n) =>
        Multiply(Multiply(a, b, n), c, n);

    public static Complex[] Adjoint(ReadOnlySpan<Complex> a, int n)
    {
        var result = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[(j * n) + i] = Complex.Conjugate(a[(i * n) + j]);
            }
        }

        return result;
    }

    public static Complex[] Transpose(ReadOnlySpan<Complex> a, int n)
    {
        var result = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[(j * n) + i] = a[(i * n) + j];
            }
        }

        return result;
    }

    /// <summary>
    /// high ⊗ low for two 2×2 matrices in the little-endian order of gate matrices: <paramref name="low"/>
    /// acts on bit 0 (the operation's first qubit), <paramref name="high"/> on bit 1.
    /// </summary>
    public static Complex[] Kron(ReadOnlySpan<Complex> high, ReadOnlySpan<Complex> low)
    {
        var result = new Complex[16];
        for (var h = 0; h < 4; h++)
        {
            for (var l = 0; l < 4; l++)
            {
                int hi = h >> 1, hj = h & 1, li = l >> 1, lj = l & 1;
                result[(((2 * hi) + li) * 4) + (2 * hj) + lj] = high[h] * low[l];
            }
        }

        return result;
    }

    /// <summary>The <paramref name="size"/>² block starting at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public static Complex[] Block(ReadOnlySpan<Complex> a, int n, int row, int column, int size)
    {
        var result = new Complex[size * size];
        for (var i = 0; i < size; i++)
        {
            a.Slice(((row + i) * n) + column, size).CopyTo(result.AsSpan(i * size, size));
        }

        return result;
    }

    /// <summary>Determinant by LU factorisation with partial pivoting.</summary>
    public static Complex Determinant(ReadOnlySpan<Complex> a, int n)
    {
        var lu = a[..(n * n)].ToArray();
        Complex determinant = 1;
        for (var k = 0; k < n; k++)
        {
            var pivot = k;
            for (var i = k + 1; i < n; i++)
            {
                if (lu[(i * n) + k].Magnitude > lu[(pivot * n) + k].Magnitude)
                {
                    pivot = i;
                }
            }

            if (lu[(pivot * n) + k] == Complex.Zero)
            {
                return Complex.Zero;
            }

            if (pivot != k)
            {
                for (var j = 0; j < n; j++)
                {
                    (lu[(k * n) + j], lu[(pivot * n) + j]) = (lu[(pivot * n) + j], lu[(k * n) + j]);
                }

                determinant = -determinant;
            }

            var diagonal = lu[(k * n) + k];
            determinant *= diagonal;
            for (var i = k + 1; i < n; i++)
            {
                var factor = lu[(i * n) + k] / diagonal;
                for (var j = k + 1; j < n; j++)
                {
                    lu[(i * n) + j] -= factor * lu[(k * n) + j];
                }
            }
        }

        return determinant;
    }

    public static double MaxDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        var worst = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, (a[i] - b[i]).Magnitude);
        }

        return worst;
    }

    /// <summary>Largest off-diagonal magnitude.</summary>
    public static double MaxOffDiagonal(ReadOnlySpan<Complex> a, int n)
    {
        var worst = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    worst = Math.Max(worst, a[(i * n) + j].Magnitude);
                }
            }
        }

        return worst;
    }

    /// <summary>
    /// The angle φ that best aligns e^{iφ}·<paramref name="a"/> with <paramref name="b"/>: the phase of
    /// Σ conj(a)·b, exact when b = e^{iφ}·a.
    /// </summary>
    public static double PhaseBetween(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        Complex overlap = 0;
        for (var i = 0; i < a.Length; i++)
        {
            overlap += Complex.Conjugate(a[i]) * b[i];
        }

        return overlap.Phase;
    }
}
