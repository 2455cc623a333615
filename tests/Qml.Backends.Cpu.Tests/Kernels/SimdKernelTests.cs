using System.Numerics;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Tests.Support;

namespace Qml.Backends.Cpu.Tests.Kernels;

/// <summary>
/// Every SIMD kernel against the scalar one, and every scalar shape against the dense kernel and
/// the oracle, for every target and control position on 1..10 qubits: lengths from one complex
/// up to past both register widths, targets inside and across registers.
/// </summary>
[Category("Kernels")]
public sealed class SimdKernelTests
{
    private const double Tolerance = 1e-12;

    private static IEnumerable<int> QubitCounts => Enumerable.Range(1, 10);

    [TestCaseSource(nameof(QubitCounts))]
    public void SingleQubitGateMatchesScalarAndDenseAtEveryTarget(int n)
    {
        var random = new Random(n);
        for (var target = 0; target < n; target++)
        {
            var m = NaiveStatevector.RandomUnitary(random, 1);
            var state = NaiveStatevector.RandomState(random, n);
            var kernel = KernelHarness.Single(m, target);
            var expected = (Complex[])state.Clone();
            NaiveStatevector.Apply(expected, m, [target]);
            AssertAllPathsMatch(kernel, state, n, expected, $"1q gate on target {target}");
            var dense = GateKernelPlanner.Dense([target], m);
            AssertClose(KernelHarness.Run(dense, state, n, KernelPath.Scalar), expected, $"dense 1q on target {target}");
        }
    }

    [TestCaseSource(nameof(QubitCounts))]
    public void ControlledGateMatchesScalarAndOracleForEveryControlAndTarget(int n)
    {
        var random = new Random(100 + n);
        foreach (var (control, target) in Pairs(n))
        {
            var m = NaiveStatevector.RandomUnitary(random, 1);
            var state = NaiveStatevector.RandomState(random, n);
            var expected = (Complex[])state.Clone();
            NaiveStatevector.Apply(expected, KernelHarness.ControlledMatrix(m, 1), [control, target]);
            AssertAllPathsMatch(KernelHarness.Single(m, target, control), state, n, expected, $"controlled gate c={control} t={target}");
        }
    }

    [TestCaseSource(nameof(QubitCounts))]
    public void PhaseMatchesScalarAndOracleWithAndWithoutControls(int n)
    {
        var random = new Random(200 + n);
        var d1 = Complex.FromPolarCoordinates(1, 0.7);
        var d0 = Complex.FromPolarCoordinates(1, -0.4);
        for (var target = 0; target < n; target++)
        {
            foreach (var first in new[] { Complex.One, d0 })
            {
                var state = NaiveStatevector.RandomState(random, n);
                var expected = (Complex[])state.Clone();
                NaiveStatevector.Apply(expected, [first, 0, 0, d1], [target]);
                AssertAllPathsMatch(KernelHarness.Phase(first, d1, target), state, n, expected, $"phase on {target}, d0={first}");
            }
        }

        foreach (var (control, target) in Pairs(n))
        {
            var state = NaiveStatevector.RandomState(random, n);
            var expected = (Complex[])state.Clone();
            NaiveStatevector.Apply(expected, KernelHarness.ControlledMatrix([d0, 0, 0, d1], 1), [control, target]);
            AssertAllPathsMatch(KernelHarness.Phase(d0, d1, target, control), state, n, expected, $"controlled phase c={control} t={target}");
        }
    }

    [TestCaseSource(nameof(QubitCounts))]
    public void SwapPairsMatchScalarAndOracleForXCxSwapAndToffoli(int n)
    {
        var random = new Random(300 + n);
        Complex[] x = [0, 1, 1, 0];
        for (var target = 0; target < n; target++)
        {
            var state = NaiveStatevector.RandomState(random, n);
            var expected = (Complex[])state.Clone();
            NaiveStatevector.Apply(expected, x, [target]);
            AssertAllPathsMatch(KernelHarness.Swap([target], 0, 0, (nuint)1 << target), state, n, expected, $"X on {target}");
        }

        foreach (var (a, b) in Pairs(n))
        {
            var state = NaiveStatevector.RandomState(random, n);
            var expected = (Complex[])state.Clone();
            NaiveStatevector.Apply(expected, KernelHarness.ControlledMatrix(x, 1), [a, b]);
            AssertAllPathsMatch(KernelHarness.Swap([a, b], (nuint)1 << a, 0, (nuint)1 << b), state, n, expected, $"CX c={a} t={b}");

            var swapped = (Complex[])state.Clone();
            NaiveStatevector.Apply(swapped, [1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1], [a, b]);
            AssertAllPathsMatch(KernelHarness.Swap([a, b], 0, (nuint)1 << a, (nuint)1 << b), state, n, swapped, $"SWAP {a},{b}");
        }

        for (var t = 0; t < n && n >= 3; t++)
        {
            int c0 = (t + 1) % n, c1 = (t + 2) % n;
            var state = NaiveStatevector.RandomState(random, n);
            var expected = (Complex[])state.Clone();
            NaiveStatevector.Apply(expected, KernelHarness.ControlledMatrix(x, 2), [c0, c1, t]);
            AssertAllPathsMatch(KernelHarness.Swap([c0, c1, t], KernelHarness.Mask([c0, c1]), 0, (nuint)1 << t), state, n, expected, $"CCX {c0},{c1}->{t}");
        }
    }

    [TestCaseSource(nameof(QubitCounts))]
    public void TwoQubitDenseMatchesScalarForEveryPair(int n)
    {
        var random = new Random(500 + n);
        foreach (var (a, b) in Pairs(n))
        {
            var m = NaiveStatevector.RandomUnitary(random, 2);
            var state = NaiveStatevector.RandomState(random, n);
            var expected = (Complex[])state.Clone();
            NaiveStatevector.Apply(expected, m, [a, b]);
            AssertAllPathsMatch(GateKernelPlanner.Dense([a, b], m), state, n, expected, $"dense 2q on [{a},{b}]");
        }
    }

    [TestCase(1, 3)]
    [TestCase(2, 4)]
    [TestCase(3, 6)]
    [TestCase(4, 7)]
    public void DenseKernelMatchesOracleOnRandomQubits(int k, int n)
    {
        var random = new Random(k * 31);
        for (var trial = 0; trial < 6; trial++)
        {
            var qubits = Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(k).ToArray();
            var m = NaiveStatevector.RandomUnitary(random, k);
            var state = NaiveStatevector.RandomState(random, n);
            var expected = (Complex[])state.Clone();
            NaiveStatevector.Apply(expected, m, qubits);
            var kernel = GateKernelPlanner.Dense(qubits, m);
            AssertClose(KernelHarness.Run(kernel, state, n, KernelPath.Scalar), expected, $"dense on [{string.Join(",", qubits)}]");

            // With any SIMD allowed, two qubits take the unrolled kernel.
            AssertClose(KernelHarness.Run(kernel, state, n, KernelPath.Vector512), expected, $"unrolled dense on [{string.Join(",", qubits)}]");
        }
    }

    [Test]
    public void DispatcherTakesSimdForHighAndInRegisterTargetsAndScalarForLowControls()
    {
        Complex[] m = [0, 1, 1, 0];
        var high = KernelHarness.Single(m, 5);
        var inRegister = KernelHarness.Single(m, 0, 6);
        var lowControl = KernelHarness.Single(m, 6, 0);
        var swapWithLowQubit = KernelHarness.Swap([0, 5], 0, 1, (nuint)1 << 5);
        var groups = high.GroupCount(8);
        var best = KernelDispatcher.BestPath;
        Assert.Multiple(() =>
        {
            Assert.That(KernelDispatcher.Choose(high, 0, groups, KernelPath.Vector512), Is.EqualTo(best));
            Assert.That(KernelDispatcher.Choose(inRegister, 0, inRegister.GroupCount(8), KernelPath.Vector512), Is.EqualTo(best));
            Assert.That(KernelDispatcher.Choose(lowControl, 0, lowControl.GroupCount(8), KernelPath.Vector512), Is.EqualTo(KernelPath.Scalar));
            Assert.That(KernelDispatcher.Choose(swapWithLowQubit, 0, swapWithLowQubit.GroupCount(8), KernelPath.Vector512), Is.EqualTo(KernelPath.Scalar));
            Assert.That(KernelDispatcher.Choose(high, 0, groups, KernelPath.Scalar), Is.EqualTo(KernelPath.Scalar));
        });
    }

    /// <summary>Registers wide enough for two controls above the widest SIMD register.</summary>
    private static IEnumerable<int> QubitCountsWithHighControls() => QubitCounts.Where(n => n >= 5);

    [TestCaseSource(nameof(QubitCountsWithHighControls))]
    public void InRegisterTargetsWithSeveralHighControlsMatchTheOracle(int n)
    {
        // Targets 0 and 1 (inside a register) with two controls far above: the "low" kernel's control walk.
        var random = new Random(400 + n);
        foreach (var target in new[] { 0, 1 })
        {
            var m = NaiveStatevector.RandomUnitary(random, 1);
            int c0 = n - 1, c1 = 3;
            var state = NaiveStatevector.RandomState(random, n);
            var expected = (Complex[])state.Clone();
            NaiveStatevector.Apply(expected, KernelHarness.ControlledMatrix(m, 2), [c0, c1, target]);
            AssertAllPathsMatch(KernelHarness.Single(m, target, c0, c1), state, n, expected, $"CC-U on {target}");
        }
    }

    [Test]
    public void HardwareSwitchesFromTheEnvironmentAreHonoured()
    {
        // The child-process test sets these; in a normal run they are absent and nothing is asserted.
        // .NET 10 spells the AVX-512 switch without the F; older runtimes with it.
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0" || Environment.GetEnvironmentVariable("DOTNET_EnableAVX512F") == "0")
        {
            Assert.That(Width512.IsAccelerated, Is.False, "AVX-512 was disabled but Vector512 is still accelerated.");
        }

        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0")
        {
            Assert.That(KernelDispatcher.BestPath, Is.EqualTo(KernelPath.Scalar), "AVX2 was disabled, so only the scalar kernels should run.");
        }
    }

    private static IEnumerable<(int, int)> Pairs(int n)
    {
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (a != b)
                {
                    yield return (a, b);
                }
            }
        }
    }

    private static void AssertAllPathsMatch(GateKernel kernel, Complex[] state, int n, Complex[] expected, string what)
    {
        var scalar = KernelHarness.Run(kernel, state, n, KernelPath.Scalar);
        AssertClose(scalar, expected, $"{what}, scalar vs oracle");
        foreach (var path in KernelHarness.AcceleratedSimdPaths())
        {
            AssertClose(KernelHarness.Run(kernel, state, n, path), scalar, $"{what}, {path} vs scalar");
        }
    }

    private static void AssertClose(Complex[] actual, Complex[] expected, string what) =>
        Assert.That(NaiveStatevector.MaxDifference(actual, expected), Is.LessThan(Tolerance), what);
}
