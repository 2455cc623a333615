using System.Numerics;

namespace Qml.Abstractions.Decomposition;

/// <summary>
/// The cosine–sine decomposition of a 2m×2m unitary split into m×m blocks:
/// U = (L0 ⊕ L1)·[[C, −S], [S, C]]·(R0 ⊕ R1) with C = diag(cos θ), S = diag(sin θ).
/// Built from one SVD (U00 = L0·C·R0) and orthonormalisations, so repeated or vanishing
/// cosines and sines (permutation-like blocks) need no special case.
/// </summary>
internal sealed record CosineSineDecomposition(Complex[] L0, Complex[] L1, double[] Theta, Complex[] R0, Complex[] R1, int BlockSize)
{
    /// <summary>Decomposes <paramref name="u"/> (row-major, dimension <paramref name="n"/> even).</summary>
    public static CosineSineDecomposition Of(ReadOnlySpan<Complex> u, int n)
    {
        var m = n / 2;
        var u00 = ComplexMatrix.Block(u, n, 0, 0, m);
        var u01 = ComplexMatrix.Block(u, n, 0, m, m);
        var u10 = ComplexMatrix.Block(u, n, m, 0, m);
        var u11 = ComplexMatrix.Block(u, n, m, m, m);

        var (l0, cosines, v) = JacobiSvd.Decompose(u00, m);

        // U10·V has orthogonal columns of lengths sin θ (the first block column is orthonormal).
        var (l1, sines) = JacobiSvd.OrthonormalColumns(ComplexMatrix.Multiply(u10, v, m), m);
        var theta = new double[m];
        for (var i = 0; i < m; i++)
        {
            theta[i] = Math.Atan2(sines[i], cosines[i]);
        }

        // (L0†U01)_i = −sin θ_i·R1_i and (L1†U11)_i = cos θ_i·R1_i: divide by the larger of the two.
        var x = ComplexMatrix.Multiply(ComplexMatrix.Adjoint(l0, m), u01, m);
        var y = ComplexMatrix.Multiply(ComplexMatrix.Adjoint(l1, m), u11, m);
        var r1 = new Complex[m * m];
        for (var i = 0; i < m; i++)
        {
            var (sin, cos) = Math.SinCos(theta[i]);
            var useCos = Math.Abs(cos) >= Math.Abs(sin);
            for (var j = 0; j < m; j++)
            {
                r1[(i * m) + j] = useCos ? y[(i * m) + j] / cos : -x[(i * m) + j] / sin;
            }
        }

        return new CosineSineDecomposition(l0, l1, theta, ComplexMatrix.Adjoint(v, m), r1, m);
    }

    /// <summary>Largest entry of |U − (L0 ⊕ L1)·CS·(R0 ⊕ R1)|, block by block.</summary>
    public double Deviation(ReadOnlySpan<Complex> u)
    {
        var m = BlockSize;
        var n = 2 * m;
        var cos = new Complex[m * m];
        var sin = new Complex[m * m];
        for (var i = 0; i < m; i++)
        {
            (var s, var c) = Math.SinCos(Theta[i]);
            cos[(i * m) + i] = c;
            sin[(i * m) + i] = s;
        }

        var minusSin = sin.Select(e => -e).ToArray();
        var worst = 0.0;
        worst = Math.Max(worst, ComplexMatrix.MaxDifference(ComplexMatrix.Block(u, n, 0, 0, m), ComplexMatrix.Multiply(L0, cos, R0, m)));
        worst = Math.Max(worst, ComplexMatrix.MaxDifference(ComplexMatrix.Block(u, n, 0, m, m), ComplexMatrix.Multiply(L0, minusSin, R1, m)));
        worst = Math.Max(worst, ComplexMatrix.MaxDifference(ComplexMatrix.Block(u, n, m, 0, m), ComplexMatrix.Multiply(L1, sin, R0, m)));
        worst = Math.Max(worst, ComplexMatrix.MaxDifference(ComplexMatrix.Block(u, n, m, m, m), ComplexMatrix.Multiply(L1, cos, R1, m)));
        return worst;
    }
}
