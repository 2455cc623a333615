using System.Numerics;
using Qml.Abstractions.Decomposition;
using static Qml.Abstractions.Tests.Decomposition.TestUnitaries;

namespace Qml.Abstractions.Tests.Decomposition;

public sealed class LinearAlgebraTests
{
    [TestCase(1)]
    [TestCase(4)]
    [TestCase(16)]
    public void JacobiSvdOfARankDeficientMatrixIsExactWithUnitaryFactors(int n)
    {
        var random = new Random(n);

        // A = X·diag(σ)·Y† with repeated and zero singular values.
        var x = Haar(random, (int)Math.Log2(n));
        var y = Haar(random, (int)Math.Log2(n));
        var sigma = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? 0.0 : i % 3 == 1 ? 0.5 : 1.0).ToArray();
        var a = Multiply(x, Multiply(DiagonalOf(sigma), ComplexMatrix.Adjoint(y, n)));

        var (l, s, v) = JacobiSvd.Decompose(a, n);

        Assert.That(UnitarityError(l, n), Is.LessThan(1e-13));
        Assert.That(UnitarityError(v, n), Is.LessThan(1e-13));
        Assert.That(ComplexMatrix.MaxDifference(Multiply(l, Multiply(DiagonalOf(s), ComplexMatrix.Adjoint(v, n))), a), Is.LessThan(1e-13));
        Assert.That(s.Order(), Is.EqualTo(sigma.Order()).Within(1e-13));
    }

    [Test]
    public void HermitianEigenHandlesRepeatedEigenvalues()
    {
        var random = new Random(3);
        var q = Haar(random, 3);
        double[] values = [2, 2, 2, -1, -1, 0.5, 0.5, 3];
        var h = Multiply(q, Multiply(DiagonalOf(values), ComplexMatrix.Adjoint(q, 8)));

        var (eigenvalues, vectors) = HermitianEigen.Decompose(h, 8);

        Assert.That(UnitarityError(vectors, 8), Is.LessThan(1e-13));
        Assert.That(ComplexMatrix.MaxDifference(Multiply(vectors, Multiply(DiagonalOf(eigenvalues), ComplexMatrix.Adjoint(vectors, 8))), h), Is.LessThan(1e-13));
        Assert.That(eigenvalues.Order(), Is.EqualTo(values.Order()).Within(1e-13));
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void CosineSineDecompositionIsExactForRandomAndPermutationUnitaries(int qubits)
    {
        var n = 1 << qubits;
        var random = new Random(qubits);
        var permutation = new Complex[n * n];
        var image = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        for (var i = 0; i < n; i++)
        {
            permutation[(image[i] * n) + i] = 1;
        }

        foreach (var u in new[] { Haar(random, qubits), permutation })
        {
            var cs = CosineSineDecomposition.Of(u, n);

            Assert.That(cs.Deviation(u), Is.LessThan(1e-13));
            foreach (var factor in new[] { cs.L0, cs.L1, cs.R0, cs.R1 })
            {
                Assert.That(UnitarityError(factor, n / 2), Is.LessThan(1e-13));
            }
        }
    }

    [Test]
    public void ShannonStepReportsASmallDeviation()
    {
        var u = Haar(new Random(12), 4);

        var step = ShannonDecomposition.Of(u, 16);

        Assert.That(step.Deviation, Is.LessThan(1e-13));
        Assert.That(step.Ry, Has.Length.EqualTo(8));
        Assert.That(ShannonDecomposition.CxCount(2), Is.EqualTo(3));
        Assert.That(ShannonDecomposition.CxCount(6), Is.EqualTo(1868));
    }

    private static Complex[] DiagonalOf(double[] values)
    {
        var n = values.Length;
        var m = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            m[(i * n) + i] = values[i];
        }

        return m;
    }

    private static double UnitarityError(Complex[] m, int n) =>
        ComplexMatrix.MaxDifference(Multiply(m, ComplexMatrix.Adjoint(m, n)), ComplexMatrix.Identity(n));
}
