using Qml.Learning.Tensors;
using Qml.Learning.Tests.Autodiff;

namespace Qml.Learning.Tests.Tensors;

public sealed class MatMulTests
{
    /// <summary>Sizes around the microkernel tiles (4, 6, 8, 16) and cache blocks, odd and prime shapes.</summary>
    private static readonly int[] Sizes = [1, 2, 3, 5, 6, 7, 8, 9, 15, 16, 17, 23, 31, 33, 47, 64, 65, 70];

    private static IEnumerable<TestCaseData> Triples()
    {
        var random = new Random(3);
        foreach (int m in Sizes)
        {
            int n = Sizes[random.Next(Sizes.Length)];
            int k = Sizes[random.Next(Sizes.Length)];
            yield return new TestCaseData(m, n, k);
            yield return new TestCaseData(n, m, k + 1);
        }

        yield return new TestCaseData(70, 70, 70);
        yield return new TestCaseData(1, 70, 1);
        yield return new TestCaseData(121, 519, 257); // crosses MC, NC and KC blocks
    }

    [TestCaseSource(nameof(Triples))]
    public void Blocked_kernel_matches_naive_triple_loop_for_every_layout(int m, int n, int k)
    {
        var random = new Random((m * 7919) + (n * 31) + k);
        double[] a = Fill(random, m * k), b = Fill(random, k * n);
        double[] expected = Naive(m, n, k, a, b);

        // Row-major operands, then each operand transposed through its strides.
        double[] aT = TransposeOf(a, m, k), bT = TransposeOf(b, k, n);
        foreach ((double[] A, int RsA, int CsA, double[] B, int RsB, int CsB) layout in new[]
        {
            (a, k, 1, b, n, 1),
            (aT, 1, m, b, n, 1),
            (a, k, 1, bT, 1, k),
            (aT, 1, m, bT, 1, k),
        })
        {
            foreach (bool wide in new[] { true, false })
            {
                var blocked = new double[m * n];
                Gemm.MultiplyBlocked(m, n, k, layout.A, layout.RsA, layout.CsA, layout.B, layout.RsB, layout.CsB, blocked, n, accumulate: false, wide);
                AssertClose(blocked, expected, k);
            }

            var small = new double[m * n];
            Gemm.MultiplySmall(m, n, k, layout.A, layout.RsA, layout.CsA, layout.B, layout.RsB, layout.CsB, small, n, accumulate: false);
            AssertClose(small, expected, k);
        }

        // Accumulation adds to what is there.
        var acc = Enumerable.Repeat(1.0, m * n).ToArray();
        Gemm.MultiplyBlocked(m, n, k, a, k, 1, b, n, 1, acc, n, accumulate: true);
        AssertClose(acc, expected.Select(v => v + 1).ToArray(), k);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Blocked_kernel_writes_only_inside_a_strided_output(bool wide)
    {
        const int m = 7, n = 9, k = 5, ldc = 13;
        var random = new Random(1);
        double[] a = Fill(random, m * k), b = Fill(random, k * n);
        double[] c = Enumerable.Repeat(-7.0, m * ldc).ToArray();
        Gemm.MultiplyBlocked(m, n, k, a, k, 1, b, n, 1, c, ldc, accumulate: false, wide);
        double[] expected = Naive(m, n, k, a, b);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                double want = j < n ? expected[(i * n) + j] : -7.0;
                Assert.That(c[(i * ldc) + j], Is.EqualTo(want).Within(1e-12));
            }
        }
    }

    [Test]
    public void MatMul_shapes_and_gradients()
    {
        Tensor a = TestData.Normal(40, 5, 7), b = TestData.Normal(41, 7, 3);
        Assert.That(Ops.MatMul(a, b).Shape, Is.EqualTo(new[] { 5, 3 }));
        GradientCheck.Verify(() => Ops.MatMul(a, b), a, b);

        Tensor batch = TestData.Normal(42, 2, 4, 7);
        Tensor folded = Ops.MatMul(batch, b);
        Assert.That(folded.Shape, Is.EqualTo(new[] { 2, 4, 3 }));
        Assert.That(folded[1, 2, 1], Is.EqualTo(Ops.MatMul(Ops.Select(batch, 0, 1), b)[2, 1]).Within(1e-14));
        GradientCheck.Verify(() => Ops.MatMul(batch, b), batch, b);

        Tensor bb = TestData.Normal(43, 2, 7, 3);
        Tensor batched = Ops.MatMul(batch, bb);
        Assert.That(batched[1, 3, 2], Is.EqualTo(Ops.MatMul(Ops.Select(batch, 0, 1), Ops.Select(bb, 0, 1))[3, 2]).Within(1e-14));
        GradientCheck.Verify(() => Ops.MatMul(batch, bb), batch, bb);

        // Large enough for the blocked path in forward and backward.
        Tensor big1 = TestData.Normal(44, 30, 40), big2 = TestData.Normal(45, 40, 33);
        GradientCheck.Verify(() => Ops.MatMul(big1, big2), 1e-6, 1e-5, big2);
        Assert.Throws<ArgumentException>(() => Ops.MatMul(a, a));
    }

    [Test]
    public void Linear_equals_matmul_with_the_transposed_weight_plus_bias()
    {
        Tensor x = TestData.Normal(50, 2, 3, 6), w = TestData.Normal(51, 4, 6), b = TestData.Normal(52, 4);
        Tensor expected = Ops.Add(Ops.MatMul(x, Ops.Transpose(w)), b);
        Tensor y = Ops.Linear(x, w, b);
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(y.ToArray(), Is.EqualTo(expected.ToArray()).Within(1e-13));
        GradientCheck.Verify(() => Ops.Linear(x, w, b), x, w, b);
        GradientCheck.Verify(() => Ops.Linear(x, w), x, w);
    }

    private static void AssertClose(double[] actual, double[] expected, int k)
    {
        double tol = 1e-13 * Math.Max(k, 1) * 4;
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(actual[i] - expected[i]) > tol)
            {
                Assert.Fail($"element {i}: {actual[i]:R} vs naive {expected[i]:R}");
            }
        }
    }

    private static double[] Fill(Random random, int length)
    {
        var d = new double[length];
        for (int i = 0; i < length; i++)
        {
            d[i] = (random.NextDouble() * 2) - 1;
        }

        return d;
    }

    private static double[] Naive(int m, int n, int k, double[] a, double[] b)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    s += a[(i * k) + p] * b[(p * n) + j];
                }

                c[(i * n) + j] = s;
            }
        }

        return c;
    }

    private static double[] TransposeOf(double[] x, int rows, int cols)
    {
        var t = new double[x.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[(j * rows) + i] = x[(i * cols) + j];
            }
        }

        return t;
    }
}
