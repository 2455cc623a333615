using System.Numerics;

namespace Qml.Abstractions.Decomposition;

/// <summary>
/// Cyclic Jacobi eigen-solver for Hermitian matrices (real symmetric input gives real
/// eigenvectors). Jacobi is slow for big matrices but accurate, simple and robust with repeated
/// eigenvalues, which unitary decompositions meet all the time (CX, SWAP, permutations).
/// </summary>
internal static class HermitianEigen
{
    private const int MaxSweeps = 100;

    /// <summary>
    /// H = V·diag(values)·V† with V unitary; column k of <c>Vectors</c> (row-major n×n) belongs to
    /// <c>Values[k]</c>. Eigenvalues are not sorted.
    /// </summary>
    public static (double[] Values, Complex[] Vectors) Decompose(ReadOnlySpan<Complex> hermitian, int n)
    {
        var a = hermitian[..(n * n)].ToArray();
        var v = ComplexMatrix.Identity(n);
        var scale = 0.0;
        foreach (var entry in a)
        {
            scale += entry.Real * entry.Real + entry.Imaginary * entry.Imaginary;
        }

        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var m = a[(p * n) + q].Magnitude;
                    off += m * m;
                }
            }

            if (off <= scale * 1e-32)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    Rotate(a, v, n, p, q);
                }
            }
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = a[(i * n) + i].Real;
        }

        return (values, v);
    }

    /// <summary>
    /// The rotation J = diag(1, e)·[[c, s], [−s, c]] on (p, q) whose conjugation J†·G·J zeroes the
    /// off-diagonal of the Hermitian 2×2 block [[gpp, gpq], [conj(gpq), gqq]].
    /// </summary>
    public static (double C, double S, Complex E) Rotation(double gpp, double gqq, Complex gpq)
    {
        var magnitude = gpq.Magnitude;
        var e = Complex.Conjugate(gpq) / magnitude;
        var zeta = (gqq - gpp) / (2 * magnitude);
        var t = (zeta >= 0 ? 1.0 : -1.0) / (Math.Abs(zeta) + Math.Sqrt(1 + (zeta * zeta)));
        var c = 1 / Math.Sqrt(1 + (t * t));
        return (c, t * c, e);
    }

    /// <summary>Columns p, q of <paramref name="m"/> (n rows) times J.</summary>
    public static void RotateColumns(Complex[] m, int rows, int n, int p, int q, double c, double s, Complex e)
    {
        for (var k = 0; k < rows; k++)
        {
            var x = m[(k * n) + p];
            var y = m[(k * n) + q];
            m[(k * n) + p] = (c * x) - (s * e * y);
            m[(k * n) + q] = (s * x) + (c * e * y);
        }
    }

    private static void Rotate(Complex[] a, Complex[] v, int n, int p, int q)
    {
        var apq = a[(p * n) + q];
        if (apq == Complex.Zero)
        {
            return;
        }

        var (c, s, e) = Rotation(a[(p * n) + p].Real, a[(q * n) + q].Real, apq);
        RotateColumns(a, n, n, p, q, c, s, e);
        var ec = Complex.Conjugate(e);
        for (var k = 0; k < n; k++)
        {
            var x = a[(p * n) + k];
            var y = a[(q * n) + k];
            a[(p * n) + k] = (c * x) - (s * ec * y);
            a[(q * n) + k] = (s * x) + (c * ec * y);
        }

        a[(p * n) + q] = a[(q * n) + p] = 0;
        a[(p * n) + p] = a[(p * n) + p].Real;
        a[(q * n) + q] = a[(q * n) + q].Real;
        RotateColumns(v, n, n, p, q, c, s, e);
    }
}
