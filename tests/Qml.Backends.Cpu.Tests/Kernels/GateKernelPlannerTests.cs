using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Tests.Support;

namespace Qml.Backends.Cpu.Tests.Kernels;

/// <summary>The gate → kernel map: every named gate, its adjoint and its derivatives equal their matrices.</summary>
[Category("Kernels")]
public sealed class GateKernelPlannerTests
{
    private const int QubitCount = 5;

    private static IEnumerable<OperationKind> Named => TestCircuits.NamedGates;

    [TestCaseSource(nameof(Named))]
    public void PlannedKernelEqualsTheGateMatrix(OperationKind kind)
    {
        var (operation, angles, state) = Setup(kind, 1);
        var expected = (Complex[])state.Clone();
        NaiveStatevector.Apply(expected, GateMatrices.Create(kind, angles), [.. operation.Qubits]);
        var kernel = GateKernelPlanner.Plan(operation, angles, new Complex[64], adjoint: false);
        Assert.That(NaiveStatevector.MaxDifference(KernelHarness.Run(kernel, state, QubitCount, KernelDispatcher.BestPath), expected), Is.LessThan(1e-12));
    }

    [TestCaseSource(nameof(Named))]
    public void AdjointUndoesTheGate(OperationKind kind)
    {
        var (operation, angles, state) = Setup(kind, 2);
        var scratch = new Complex[64];
        var forward = KernelHarness.Run(GateKernelPlanner.Plan(operation, angles, scratch, adjoint: false), state, QubitCount, KernelDispatcher.BestPath);
        var back = KernelHarness.Run(GateKernelPlanner.Plan(operation, angles, scratch, adjoint: true), forward, QubitCount, KernelDispatcher.BestPath);
        Assert.That(NaiveStatevector.MaxDifference(back, state), Is.LessThan(1e-12));
    }

    [TestCase(14, 2)]
    [TestCase(14, 3)]
    [TestCase(15, 2)]
    public void ThreadedApplicationEqualsSingleThreaded(int n, int threads)
    {
        var random = new Random(n * threads);
        var state = NaiveStatevector.RandomState(random, n);
        var m = NaiveStatevector.RandomUnitary(random, 1);
        GateKernel[] kernels =
        [
            KernelHarness.Single(m, 0), KernelHarness.Single(m, n - 1), KernelHarness.Single(m, 3, 7),
            KernelHarness.Phase(m[0], m[3], 5), KernelHarness.Swap([1, n - 2], (nuint)1 << 1, 0, (nuint)1 << (n - 2)),
            GateKernelPlanner.Dense([2, 9], NaiveStatevector.RandomUnitary(random, 2)),
        ];
        foreach (var kernel in kernels)
        {
            var single = KernelHarness.Run(kernel, state, n, KernelDispatcher.BestPath);
            Assert.That(NaiveStatevector.MaxDifference(KernelHarness.RunParallel(kernel, state, n, threads), single), Is.LessThan(1e-12), kernel.Kind.ToString());
        }
    }

    private static (Operation Operation, double[] Angles, Complex[] State) Setup(OperationKind kind, int seed)
    {
        var random = new Random(((int)kind * 17) + seed);
        var definition = GateDefinition.Of(kind);
        var qubits = Enumerable.Range(0, QubitCount).OrderBy(_ => random.Next()).Take(definition.QubitCount).ToArray();
        var angles = Enumerable.Range(0, definition.AngleCount).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        var operation = Operation.Gate(kind, qubits, [.. angles.Select(a => (Angle)a)]);
        return (operation, angles, NaiveStatevector.RandomState(random, QubitCount));
    }
}
