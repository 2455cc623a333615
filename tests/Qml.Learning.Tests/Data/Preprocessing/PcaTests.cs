using Qml.Learning.Data;
using Qml.Learning.Data.Preprocessing;

namespace Qml.Learning.Tests.Data.Preprocessing;

public sealed class PcaTests
{
    [Test]
    public void JacobiSolvesAKnownThreeByThree()
    {
        // [[2,1,0],[1,2,0],[0,0,5]]: eigenvalues 5, 3, 1 with vectors e3, (1,1,0)/√2, (1,−1,0)/√2.
        var eigen = SymmetricEigen.Jacobi([2, 1, 0, 1, 2, 0, 0, 0, 5], 3);

        Assert.That(eigen.Values, Is.EqualTo(new double[] { 5, 3, 1 }).Within(1e-14));
        Assert.That(Math.Abs(eigen.Vector(0)[2]), Is.EqualTo(1).Within(1e-14));
        Assert.That(Math.Abs(eigen.Vector(1)[0]), Is.EqualTo(Math.Sqrt(0.5)).Within(1e-14));
        Assert.That(eigen.Vector(1)[0] * eigen.Vector(1)[1], Is.EqualTo(0.5).Within(1e-14));
        Assert.That(eigen.Vector(2)[0] * eigen.Vector(2)[1], Is.EqualTo(-0.5).Within(1e-14));
    }

    [Test]
    public void JacobiDiagonalisesARandomSymmetricMatrix()
    {
        const int n = 12;
        var a = RandomSymmetric(n, seed: 5);

        var eigen = SymmetricEigen.Jacobi(a, n);

        for (var k = 0; k < n; k++)
        {
            var v = eigen.Vector(k);
            Assert.That(v.ToArray().Sum(x => x * x), Is.EqualTo(1).Within(1e-12));
            for (var i = 0; i < n; i++)
            {
                var av = 0.0;
                for (var j = 0; j < n; j++)
                {
                    av += a[(i * n) + j] * v[j];
                }

                Assert.That(av, Is.EqualTo(eigen.Values[k] * v[i]).Within(1e-11), $"(A v − λ v)[{i}] of pair {k}");
            }
        }

        Assert.That(eigen.Values, Is.Ordered.Descending);
    }

    [Test]
    public void SubspaceIterationFindsTheSameTopPairsAsJacobi()
    {
        // A positive semi-definite matrix B Bᵀ of size 40 with a decaying spectrum.
        const int n = 40;
        var random = new Random(2);
        var b = Enumerable.Range(0, n * n).Select(i => (random.NextDouble() - 0.5) / (1 + (i % n))).ToArray();
        var c = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++)
                {
                    c[(i * n) + j] += b[(i * n) + k] * b[(j * n) + k];
                }
            }
        }

        var full = SymmetricEigen.Jacobi(c, n);
        var top = SymmetricEigen.TopEigenpairs(c, n, 4);

        Assert.That(top.Values, Is.EqualTo(full.Values[..4]).Within(1e-10));
        for (var k = 0; k < 4; k++)
        {
            var dot = 0.0;
            for (var i = 0; i < n; i++)
            {
                dot += top.Vector(k)[i] * full.Vector(k)[i];
            }

            Assert.That(Math.Abs(dot), Is.EqualTo(1).Within(1e-8), $"direction {k}");
        }
    }

    [Test]
    public void PcaRecoversAPlaneAndReconstructsPointsOnIt()
    {
        // Points on the plane spanned by u = (1, 2, 2)/3 and v = (2, 1, −2)/3, offset by (1, 1, 1);
        // variance 9 along u and 1 along v, none across.
        var random = new Random(4);
        var u = new[] { 1 / 3.0, 2 / 3.0, 2 / 3.0 };
        var v = new[] { 2 / 3.0, 1 / 3.0, -2 / 3.0 };
        var features = new double[300 * 3];
        for (var s = 0; s < 300; s++)
        {
            var (a, b) = (3 * Normal(random), Normal(random));
            for (var i = 0; i < 3; i++)
            {
                features[(s * 3) + i] = 1 + (a * u[i]) + (b * v[i]);
            }
        }

        var data = Dataset.Unlabelled("plane", features, 3);
        var pca = Pca.Fit(data, 2);
        var scores = new double[2];
        var back = new double[3];

        Assert.That(pca.ExplainedVariance[0] / pca.ExplainedVariance[1], Is.GreaterThan(5));
        Assert.That(pca.ExplainedVariance.Sum(), Is.EqualTo(pca.TotalVariance).Within(1e-9), "the plane holds all variance");
        Assert.That(Math.Abs((pca.Components[0] * u[0]) + (pca.Components[1] * u[1]) + (pca.Components[2] * u[2])), Is.EqualTo(1).Within(0.02));
        for (var s = 0; s < data.SampleCount; s++)
        {
            pca.TransformRow(data.Row(s), scores);
            pca.InverseTransformRow(scores, back);
            Assert.That(back, Is.EqualTo(data.Row(s).ToArray()).Within(1e-9), $"sample {s}");
        }

        var oneComponent = Pca.Fit(data, 1);
        var error = 0.0;
        for (var s = 0; s < data.SampleCount; s++)
        {
            oneComponent.TransformRow(data.Row(s), scores.AsSpan(0, 1));
            oneComponent.InverseTransformRow(scores.AsSpan(0, 1), back);
            error += Enumerable.Range(0, 3).Sum(i => Math.Pow(back[i] - data.Row(s)[i], 2));
        }

        // The squared reconstruction error of k components is (N − 1) × the discarded variance.
        Assert.That(error / (data.SampleCount - 1), Is.EqualTo(pca.ExplainedVariance[1]).Within(1e-9));
        Assert.That(pca.Transform(data).FeatureCount, Is.EqualTo(2));
    }

    [Test]
    public void PcaOfManyFeaturesUsesTopPairsAndMatchesTheExactSpectrum()
    {
        // 150 features driven by 3 latent factors plus small noise.
        var random = new Random(1);
        const int f = 150;
        var loadings = Enumerable.Range(0, 3 * f).Select(_ => Normal(random)).ToArray();
        var features = new double[200 * f];
        for (var s = 0; s < 200; s++)
        {
            var z = new[] { 3 * Normal(random), 2 * Normal(random), Normal(random) };
            for (var i = 0; i < f; i++)
            {
                features[(s * f) + i] = (z[0] * loadings[i]) + (z[1] * loadings[f + i]) + (z[2] * loadings[(2 * f) + i]) + (0.01 * Normal(random));
            }
        }

        var data = Dataset.Unlabelled("wide", features, f);
        var pca = Pca.Fit(data, 3);

        Assert.That(pca.InputFeatureCount, Is.GreaterThan(Pca.JacobiFeatureLimit));
        Assert.That(pca.ExplainedVariance.Sum() / pca.TotalVariance, Is.GreaterThan(0.9999));
        Assert.That(pca.ExplainedVariance, Is.Ordered.Descending);
    }

    private static double[] RandomSymmetric(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                a[(i * n) + j] = a[(j * n) + i] = random.NextDouble() - 0.5;
            }
        }

        return a;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
