using System.Numerics;
using Qml.Backends.Mps.Linear;
using MathNetMatrix = MathNet.Numerics.LinearAlgebra.Matrix<System.Numerics.Complex>;

namespace Qml.Backends.Mps.Tests.Linear;

/// <summary>The pivoted-QR-preconditioned SVD: reconstruction, orthonormal factors, numerical rank and MathNet's singular values.</summary>
[TestFixture]
public sealed class PreconditionedSvdTests
{
    private static readonly (int Rows, int Columns, int Rank)[] Shapes =
    [
        (2, 2, 2), (4, 2, 1), (8, 8, 8), (8, 8, 3), (16, 4, 4), (4, 16, 1), (32, 32, 32), (32, 32, 5),
        (64, 32, 16), (32, 64, 16), (40, 68, 34), (68, 32, 32), (17, 33, 17), (33, 17, 9), (128, 128, 40),
    ];

    [TestCaseSource(nameof(Shapes))]
    public void ReconstructsTheMatrixWithOrthonormalFactorsOfItsRank((int Rows, int Columns, int Rank) shape)
    {
        var (m, n, rank) = shape;
        var a = JacobiSvdTests.RandomMatrix(new Random((m * 1000) + (n * 10) + rank), m, n, rank);
        var svd = new PreconditionedSvd();
        svd.Factor(a, m, n);
        var values = svd.Values.ToArray();
        var kept = values.Count(v => v > values[0] * 1e-13);
        Assert.That(kept, Is.EqualTo(rank), "numerical rank");
        Assert.That(values, Is.Ordered.Descending);

        var u = new Complex[m * kept];
        var svh = new Complex[kept * n];
        svd.WriteLeft(u, kept, absorbValues: false);
        svd.WriteRight(svh, kept, absorbValues: true);
        Assert.That(Distance(Product(u, svh, m, kept, n), a), Is.LessThan(1e-12), "U·(Σ·V^H) reproduces A");

        // The other split: (U·Σ)·V^H, with a scale applied to the absorbed side only.
        var us = new Complex[m * kept];
        var vh = new Complex[kept * n];
        svd.WriteLeft(us, kept, absorbValues: true, scale: 2.0);
        svd.WriteRight(vh, kept, absorbValues: false, scale: 2.0);
        Assert.That(Distance(Product(us, vh, m, kept, n), [.. a.Select(x => 2.0 * x)]), Is.LessThan(2e-12), "(U·Σ·scale)·V^H reproduces scale·A");
        Assert.That(Gram(u, m, kept, ofColumns: true), Is.LessThan(1e-12), "U^H U = I");
        Assert.That(Gram(vh, kept, n, ofColumns: false), Is.LessThan(1e-12), "V^H V = I");
    }

    [TestCaseSource(nameof(Shapes))]
    public void SingularValuesMatchMathNet((int Rows, int Columns, int Rank) shape)
    {
        var (m, n, rank) = shape;
        var a = JacobiSvdTests.RandomMatrix(new Random((m * 7) + n + rank), m, n, rank);
        var svd = new PreconditionedSvd();
        svd.Factor(a, m, n);
        var reference = MathNetMatrix.Build.Dense(m, n, (i, j) => a[(i * n) + j]).Svd(computeVectors: false).S.Select(s => s.Real).ToArray();
        var actual = svd.Values.ToArray();
        for (var i = 0; i < reference.Length; i++)
        {
            var value = i < actual.Length ? actual[i] : 0.0;
            Assert.That(value, Is.EqualTo(reference[i]).Within(1e-12 * Math.Max(1.0, reference[0])), $"σ_{i}");
        }
    }

    [Test]
    public void ZeroMatrixHasZeroSingularValues()
    {
        var svd = new PreconditionedSvd();
        svd.Factor(new Complex[16 * 12], 16, 12);
        Assert.That(svd.Values.ToArray(), Is.All.EqualTo(0.0));
    }

    private static Complex[] Product(Complex[] left, Complex[] right, int m, int k, int n)
    {
        var result = new Complex[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var p = 0; p < k; p++)
                {
                    result[(i * n) + j] += left[(i * k) + p] * right[(p * n) + j];
                }
            }
        }

        return result;
    }

    private static double Distance(Complex[] x, Complex[] y) => x.Zip(y, (a, b) => (a - b).Magnitude).Max();

    /// <summary>Largest |G − I| of the Gram matrix of the columns of an m×k matrix (<paramref name="ofColumns"/>) or of the rows of a k×n one.</summary>
    private static double Gram(Complex[] values, int rows, int columns, bool ofColumns)
    {
        var count = ofColumns ? columns : rows;
        var length = ofColumns ? rows : columns;
        Complex At(int vector, int index) => ofColumns ? values[(index * columns) + vector] : values[(vector * columns) + index];
        var worst = 0.0;
        for (var a = 0; a < count; a++)
        {
            for (var b = 0; b < count; b++)
            {
                Complex sum = 0;
                for (var i = 0; i < length; i++)
                {
                    sum += Complex.Conjugate(At(a, i)) * At(b, i);
                }

                worst = Math.Max(worst, (sum - (a == b ? 1.0 : 0.0)).Magnitude);
            }
        }

        return worst;
    }
}
