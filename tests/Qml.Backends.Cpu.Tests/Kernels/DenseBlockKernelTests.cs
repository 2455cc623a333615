using System.Numerics;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Tests.Support;

namespace Qml.Backends.Cpu.Tests.Kernels;

/// <summary>
/// The SIMD dense block kernel (2..4 qubits) against the scalar dense loop and the oracle, for
/// blocks entirely above the lane bits, blocks holding qubit 0, 1 or 2 (inside a register, the
/// lane-permutation path), operands in any matrix order, single- and multithreaded. In the
/// "Kernels" category, so it also re-runs with AVX-512 and AVX2 switched off.
/// </summary>
[Category("Kernels")]
public sealed class DenseBlockKernelTests
{
    private const double Tolerance = 1e-12;

    [TestCase(2, 2)]
    [TestCase(2, 5)]
    [TestCase(3, 3)]
    [TestCase(3, 4)]
    [TestCase(3, 7)]
    [TestCase(3, 10)]
    [TestCase(4, 4)]
    [TestCase(4, 5)]
    [TestCase(4, 8)]
    [TestCase(4, 11)]
    public void BlockMatchesScalarAndOracleOnEveryPlacementKind(int k, int n)
    {
        var random = new Random((k * 100) + n);
        foreach (var qubits in Placements(random, k, n))
        {
            var m = NaiveStatevector.RandomUnitary(random, k);
            var state = NaiveStatevector.RandomState(random, n);
            var expected = (Complex[])state.Clone();
            NaiveStatevector.Apply(expected, m, qubits);
            var kernel = GateKernelPlanner.Dense(qubits, m);
            var what = $"k={k} on [{string.Join(",", qubits)}] of {n}";
            var scalar = KernelHarness.Run(kernel, state, n, KernelPath.Scalar);
            AssertClose(scalar, expected, $"{what}, scalar vs oracle");
            foreach (var path in KernelHarness.AcceleratedSimdPaths())
            {
                Assert.That(KernelDispatcher.Choose(kernel, 0, kernel.GroupCount(n), path), Is.EqualTo(path), $"{what} should take {path}");
                AssertClose(KernelHarness.Run(kernel, state, n, path), expected, $"{what}, {path} vs oracle");
            }

            AssertClose(KernelHarness.RunParallel(kernel, state, n, threads: 2), expected, $"{what}, 2 threads vs oracle");
            AssertClose(KernelHarness.RunParallel(kernel, state, n, threads: 3), expected, $"{what}, 3 threads vs oracle");
        }
    }

    [Test]
    public void ChunksThatSplitARegisterFallBackToScalar()
    {
        // Qubits 0 and 1 outside a 3-qubit block: a register holds 4 groups, so a chunk from group 2 cannot use it.
        var random = new Random(7);
        int[] qubits = [4, 2, 6];
        var m = NaiveStatevector.RandomUnitary(random, 3);
        var kernel = GateKernelPlanner.Dense(qubits, m);
        Assert.That(KernelDispatcher.Choose(kernel, 2, kernel.GroupCount(8), KernelPath.Vector512), Is.Not.EqualTo(KernelPath.Vector512));
        Assert.That(KernelDispatcher.Choose(kernel, 1, kernel.GroupCount(8), KernelPath.Vector512), Is.EqualTo(KernelPath.Scalar));
    }

    /// <summary>All high, one of 0..2 low, 0 and 1 low, 0..2 all in the block, plus random ones; shuffled matrix order.</summary>
    private static IEnumerable<int[]> Placements(Random random, int k, int n)
    {
        var sets = new List<int[]>();
        if (n - 3 >= k)
        {
            sets.Add([.. Enumerable.Range(3, n - 3).OrderBy(_ => random.Next()).Take(k)]);
        }

        foreach (var lowSet in new[] { new[] { 0 }, new[] { 1 }, new[] { 2 }, new[] { 0, 1 }, new[] { 1, 2 }, new[] { 0, 2 }, new[] { 0, 1, 2 } })
        {
            if (lowSet.Length > k || n - 3 < k - lowSet.Length)
            {
                continue;
            }

            var rest = Enumerable.Range(3, n - 3).OrderBy(_ => random.Next()).Take(k - lowSet.Length);
            sets.Add([.. lowSet.Concat(rest).OrderBy(_ => random.Next())]);
        }

        for (var trial = 0; trial < 3; trial++)
        {
            sets.Add([.. Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(k)]);
        }

        return sets;
    }

    private static void AssertClose(Complex[] actual, Complex[] expected, string what) =>
        Assert.That(NaiveStatevector.MaxDifference(actual, expected), Is.LessThan(Tolerance), what);
}
