using System.Numerics;
using Qml.Backends.Mps.Linear;
using MathNetMatrix = MathNet.Numerics.LinearAlgebra.Matrix<System.Numerics.Complex>;

namespace Qml.Backends.Mps.Tests.Linear;

/// <summary>The hand-written SVD against reconstruction, orthonormality and MathNet's singular values.</summary>
[TestFixture]
public sealed class JacobiSvdTests
{
    private static readonly (int Rows, int Columns, int Rank)[] Shapes =
    [
        (1, 1, 1), (2, 2, 2), (4, 2, 2), (2, 4, 2), (8, 8, 8), (8, 8, 3), (16, 4, 4), (4, 16, 1),
        (32, 32, 32), (32, 32, 5), (64, 16, 16), (17, 33, 17), (33, 17, 9), (64, 64, 64), (128, 128, 40),
    ];

    [TestCaseSource(nameof(Shapes))]
    public void ReconstructsTheMatrixWithOrthonormalFactors((int Rows, int Columns, int Rank) shape)
    {
        var (m, n, rank) = shape;
        var a = RandomMatrix(new Random((m * 1000) + (n * 10) + rank), m, n, rank);
        var svd = new JacobiSvd();
        svd.Factor(a, m, n);
        var k = Math.Min(m, n);
        var u = new Complex[m * k];
        var vh = new Complex[k * n];
        svd.WriteLeft(u, k, absorbValues: false);
        svd.WriteRight(vh, k, absorbValues: true);

        var worst = 0.0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                Complex sum = 0;
                for (var p = 0; p < k; p++)
                {
                    sum += u[(i * k) + p] * vh[(p * n) + j];
                }

                worst = Math.Max(worst, (sum - a[(i * n) + j]).Magnitude);
            }
        }

        Assert.That(worst, Is.LessThan(1e-12), "U·(S·V^H) reproduces A");
        var values = svd.Values.ToArray();
        Assert.That(values, Is.Ordered.Descending, "singular values sorted");

        // The numerically non-zero left vectors are orthonormal (the rest are not kept by the MPS).
        var kept = values.Count(v => v > values[0] * 1e-13);
        Assert.That(kept, Is.EqualTo(rank), "numerical rank");
        var uk = new Complex[m * kept];
        svd.WriteLeft(uk, kept, absorbValues: false);
        Assert.That(Orthonormality(uk, m, kept), Is.LessThan(1e-12), "U^H U = I on the kept columns");
        var vk = new Complex[kept * n];
        svd.WriteRight(vk, kept, absorbValues: false);
        Assert.That(RowOrthonormality(vk, kept, n), Is.LessThan(1e-12), "V^H V = I on the kept rows");
    }

    [TestCaseSource(nameof(Shapes))]
    public void SingularValuesMatchMathNet((int Rows, int Columns, int Rank) shape)
    {
        var (m, n, rank) = shape;
        var a = RandomMatrix(new Random((m * 7) + n + rank), m, n, rank);
        var svd = new JacobiSvd();
        svd.Factor(a, m, n);
        var reference = MathNetMatrix.Build.Dense(m, n, (i, j) => a[(i * n) + j]).Svd(computeVectors: false).S.ToArray();
        var actual = svd.Values.ToArray();
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.That(actual[i], Is.EqualTo(reference[i].Real).Within(1e-12 * Math.Max(1.0, reference[0].Real)), $"σ_{i}");
        }
    }

    [Test]
    public void ZeroMatrixHasZeroSingularValues()
    {
        var svd = new JacobiSvd();
        svd.Factor(new Complex[12], 3, 4);
        Assert.That(svd.Values.ToArray(), Is.All.EqualTo(0.0));
    }

    [Test]
    public void QrFactorsIntoOrthonormalQTimesUpperTriangularR()
    {
        var qr = new HouseholderQr();
        foreach (var (m, n) in new[] { (6, 3), (3, 6), (8, 8), (1, 4), (16, 5) })
        {
            var a = RandomMatrix(new Random(m + (10 * n)), m, n, Math.Min(m, n));
            var k = Math.Min(m, n);
            var q = new Complex[m * k];
            var r = new Complex[k * n];
            qr.Factor(a, m, n, q, r);
            var product = new Complex[m * n];
            ComplexBlas.Multiply(q, r, product, m, k, n);
            var worst = product.Zip(a, (x, y) => (x - y).Magnitude).Max();
            Assert.That(worst, Is.LessThan(1e-12), $"{m}×{n}: Q·R = A");
            Assert.That(Orthonormality(q, m, k), Is.LessThan(1e-12), $"{m}×{n}: Q^H Q = I");
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    Assert.That(r[(i * n) + j].Magnitude, Is.LessThan(1e-14), $"{m}×{n}: R[{i},{j}] below the diagonal");
                }
            }
        }
    }

    /// <summary>A random complex matrix of the given rank (a product of m×rank and rank×n Gaussian factors).</summary>
    internal static Complex[] RandomMatrix(Random random, int m, int n, int rank)
    {
        var left = Enumerable.Range(0, m * rank).Select(_ => Gaussian(random)).ToArray();
        var right = Enumerable.Range(0, rank * n).Select(_ => Gaussian(random)).ToArray();
        var a = new Complex[m * n];
        ComplexBlas.Multiply(left, right, a, m, rank, n);
        return a;
    }

    private static Complex Gaussian(Random random) => new(random.NextDouble() - 0.5, random.NextDouble() - 0.5);

    private static double Orthonormality(Complex[] columns, int rows, int count)
    {
        var worst = 0.0;
        for (var a = 0; a < count; a++)
        {
            for (var b = 0; b < count; b++)
            {
                Complex dot = 0;
                for (var i = 0; i < rows; i++)
                {
                    dot += Complex.Conjugate(columns[(i * count) + a]) * columns[(i * count) + b];
                }

                worst = Math.Max(worst, (dot - (a == b ? 1 : 0)).Magnitude);
            }
        }

        return worst;
    }

    private static double RowOrthonormality(Complex[] rows, int count, int columns)
    {
        var worst = 0.0;
        for (var a = 0; a < count; a++)
        {
            for (var b = 0; b < count; b++)
            {
                Complex dot = 0;
                for (var c = 0; c < columns; c++)
                {
                    dot += rows[(a * columns) + c] * Complex.Conjugate(rows[(b * columns) + c]);
                }

                worst = Math.Max(worst, (dot - (a == b ? 1 : 0)).Magnitude);
            }
        }

        return worst;
    }
}
