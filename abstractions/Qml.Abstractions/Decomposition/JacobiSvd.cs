using System.Numerics;

namespace Qml.Abstractions.Decomposition;

/// <summary>
/// One-sided (Hestenes) Jacobi SVD of a square complex matrix, A = L·diag(σ)·V†, and the
/// orthonormalisation with completion it needs: columns whose singular value is (near) zero get
/// any unit vector orthogonal to the rest, which is exact to rounding because σ ≈ 0 there.
/// </summary>
internal static class JacobiSvd
{
    private const int MaxSweeps = 100;

    /// <summary>Below this norm a column's direction is noise and is replaced by a completion.</summary>
    private const double NegligibleNorm = 1e-14;

    /// <summary>A = L·diag(Sigma)·V†, L and V unitary (row-major n×n), Sigma ≥ 0, unsorted.</summary>
    public static (Complex[] L, double[] Sigma, Complex[] V) Decompose(ReadOnlySpan<Complex> a, int n)
    {
        var w = a[..(n * n)].ToArray();
        var v = ComplexMatrix.Identity(n);
        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var rotated = false;
            for (var j = 0; j < n; j++)
            {
                for (var k = j + 1; k < n; k++)
                {
                    double alpha = 0, beta = 0;
                    Complex gamma = 0;
                    for (var i = 0; i < n; i++)
                    {
                        Complex x = w[(i * n) + j], y = w[(i * n) + k];
                        alpha += (x.Real * x.Real) + (x.Imaginary * x.Imaginary);
                        beta += (y.Real * y.Real) + (y.Imaginary * y.Imaginary);
                        gamma += Complex.Conjugate(x) * y;
                    }

                    if (gamma == Complex.Zero || gamma.Magnitude <= 1e-15 * Math.Sqrt(alpha * beta))
                    {
                        continue;
                    }

                    rotated = true;
                    var (c, s, e) = HermitianEigen.Rotation(alpha, beta, gamma);
                    HermitianEigen.RotateColumns(w, n, n, j, k, c, s, e);
                    HermitianEigen.RotateColumns(v, n, n, j, k, c, s, e);
                }
            }

            if (!rotated)
            {
                break;
            }
        }

        var (l, sigma) = OrthonormalColumns(w, n);
        return (l, sigma, v);
    }

    /// <summary>
    /// The unitary nearest to <paramref name="a"/> (the polar factor L·V†): a matrix that passed
    /// validation is unitary only to its tolerance, and the decompositions assume exactness.
    /// </summary>
    public static Complex[] NearestUnitary(ReadOnlySpan<Complex> a, int n)
    {
        var (l, _, v) = Decompose(a, n);
        return ComplexMatrix.Multiply(l, ComplexMatrix.Adjoint(v, n), n);
    }

    /// <summary>
    /// Q with orthonormal columns, Q[:, i] ∥ W[:, i], and the projections Re(Q[:, i]†W[:, i]) for W
    /// whose columns are mutually orthogonal up to rounding. Long columns go first, so short ones are
    /// orthogonalised against them; negligible ones become completions.
    /// </summary>
    public static (Complex[] Q, double[] Projections) OrthonormalColumns(ReadOnlySpan<Complex> w, int n)
    {
        var norms = new double[n];
        for (var j = 0; j < n; j++)
        {
            norms[j] = Math.Sqrt(ColumnNormSquared(w, n, j));
        }

        var order = Enumerable.Range(0, n).OrderByDescending(j => norms[j]).ToArray();
        var q = new Complex[n * n];
        var done = new List<int>(n);
        var column = new Complex[n];
        var projections = new double[n];
        foreach (var j in order)
        {
            for (var i = 0; i < n; i++)
            {
                column[i] = w[(i * n) + j];
            }

            var length = Orthogonalise(column, q, n, done);
            if (length <= NegligibleNorm)
            {
                length = Completion(column, q, n, done);
            }

            Complex overlap = 0;
            for (var i = 0; i < n; i++)
            {
                column[i] /= length;
                q[(i * n) + j] = column[i];
                overlap += Complex.Conjugate(column[i]) * w[(i * n) + j];
            }

            projections[j] = overlap.Real;
            done.Add(j);
        }

        return (q, projections);
    }

    private static double ColumnNormSquared(ReadOnlySpan<Complex> m, int n, int j)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var x = m[(i * n) + j];
            sum += (x.Real * x.Real) + (x.Imaginary * x.Imaginary);
        }

        return sum;
    }

    /// <summary>Removes the components along the finished columns (twice: "twice is enough"); returns the remaining norm.</summary>
    private static double Orthogonalise(Complex[] column, Complex[] q, int n, List<int> done)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var d in done)
            {
                Complex overlap = 0;
                for (var i = 0; i < n; i++)
                {
                    overlap += Complex.Conjugate(q[(i * n) + d]) * column[i];
                }

                for (var i = 0; i < n; i++)
                {
                    column[i] -= overlap * q[(i * n) + d];
                }
            }
        }

        var sum = 0.0;
        foreach (var x in column)
        {
            sum += (x.Real * x.Real) + (x.Imaginary * x.Imaginary);
        }

        return Math.Sqrt(sum);
    }

    /// <summary>The basis vector with the largest part outside the finished columns, orthogonalised.</summary>
    private static double Completion(Complex[] column, Complex[] q, int n, List<int> done)
    {
        var best = -1.0;
        var candidate = new Complex[n];
        for (var e = 0; e < n; e++)
        {
            Array.Clear(candidate);
            candidate[e] = 1;
            var length = Orthogonalise(candidate, q, n, done);
            if (length > best)
            {
                best = length;
                candidate.CopyTo(column, 0);
            }
        }

        // A second pass keeps the completion orthogonal to working precision.
        return Orthogonalise(column, q, n, done);
    }
}
