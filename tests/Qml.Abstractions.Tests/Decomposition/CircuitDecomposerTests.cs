using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Decomposition;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Tests.Decomposition;

public sealed class CircuitDecomposerTests
{
    private static IEnumerable<OperationKind> NamedGates() =>
        GateDefinition.All.Where(d => d.IsUnitary && d.Kind != OperationKind.Unitary).Select(d => d.Kind);

    [TestCaseSource(nameof(NamedGates))]
    public void EveryNamedGateDecomposesExactlyToUAndCx(OperationKind kind)
    {
        var definition = GateDefinition.Of(kind);
        var random = new Random(17 + (int)kind);
        for (var trial = 0; trial < 5; trial++)
        {
            var angles = Enumerable.Range(0, definition.AngleCount).Select(_ => (random.NextDouble() * 8) - 4).ToArray();

            // Reverse order too, so a rule that confuses control and target fails.
            int[] qubits = [.. Enumerable.Range(0, definition.QubitCount).Reverse()];
            var circuit = new CircuitBuilder(definition.QubitCount)
                .Gate(kind, qubits, [.. angles.Select(a => (Angle)a)])
                .Build();

            var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

            Assert.That(native.Operations.Select(o => o.Kind), Is.All.AnyOf(OperationKind.U, OperationKind.CX));
            Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(native), DenseUnitary.Of(circuit)), Is.LessThan(1e-12), $"{kind}{string.Join(",", angles)}");
        }
    }

    [Test]
    public void SymbolicAnglesStayAffineThroughDecomposition()
    {
        var builder = new CircuitBuilder(3);
        var x = builder.Input("x");
        var w = builder.Weight("w");
        var circuit = builder
            .CRX(2, 0, (2 * x) - w + 0.3)
            .RYY(1, 2, x * 0.5)
            .RZ(1, w - x)
            .CP(0, 1, w)
            .U(2, x, w, x + w)
            .Build();

        var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

        Assert.That(native.Symbols, Is.EqualTo(circuit.Symbols));
        foreach (var values in new[] { new[] { 0.4, -1.1 }, new[] { 2.5, 0.7 } })
        {
            Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(native, values), DenseUnitary.Of(circuit, values)), Is.LessThan(1e-12));
        }
    }

    [Test]
    public void SingleQubitUnitaryBecomesUWithGlobalPhase()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 20; trial++)
        {
            var matrix = RandomUnitary2(random);
            var circuit = new CircuitBuilder(1).Unitary(matrix, 0).Build();

            var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

            Assert.That(native.Operations.Single().Kind, Is.EqualTo(OperationKind.U));
            Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(native), DenseUnitary.Of(circuit)), Is.LessThan(1e-12));
        }
    }

    [TestCase(0.0)]
    [TestCase(Math.PI)]
    public void DiagonalAndAntiDiagonalUnitariesDecompose(double angle)
    {
        var p = Complex.FromPolarCoordinates(1, 0.7);
        var q = Complex.FromPolarCoordinates(1, -1.9 + angle);
        Complex[] diagonal = [p, 0, 0, q];
        Complex[] antiDiagonal = [0, p, q, 0];
        foreach (var matrix in new[] { diagonal, antiDiagonal })
        {
            var circuit = new CircuitBuilder(1).Unitary(matrix, 0).Build();
            var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);
            Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(native), DenseUnitary.Of(circuit)), Is.LessThan(1e-12));
        }
    }

    [Test]
    public void NativeCircuitIsReturnedUnchanged()
    {
        var circuit = new CircuitBuilder(2).H(0).CX(0, 1).Build();

        Assert.That(CircuitDecomposer.Decompose(circuit, GateSet.All), Is.SameAs(circuit));
    }

    [Test]
    public void ConditionsCarryOverToEveryProducedOperation()
    {
        var circuit = new CircuitBuilder(2, 1)
            .Measure(0, 0)
            .Add(Operation.Gate(OperationKind.CZ, [0, 1]).WithCondition(new ClassicalCondition([0], 1)))
            .Build();

        var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

        Assert.That(native.Operations.Skip(1).All(o => o.Condition is { Value: 1 }), Is.True);
        Assert.That(native.Operations[0].Kind, Is.EqualTo(OperationKind.Measure));
    }

    [Test]
    public void WideIdentityUnitaryDecomposesToNothing()
    {
        var identity4 = Enumerable.Range(0, 16).Select(i => i % 5 == 0 ? Complex.One : Complex.Zero);
        var circuit = new CircuitBuilder(2).Unitary(identity4, 0, 1).Build();

        var native = CircuitDecomposer.Decompose(circuit, GateSet.Basic);

        Assert.That(native.Operations, Is.Empty);
        Assert.That(DenseUnitary.MaxDifference(DenseUnitary.Of(native), DenseUnitary.Of(circuit)), Is.LessThan(1e-12));
    }

    private static Complex[] RandomUnitary2(Random random)
    {
        double theta = random.NextDouble() * Math.PI, phi = random.NextDouble() * 6, lambda = random.NextDouble() * 6, gamma = random.NextDouble() * 6;
        var u = GateMatrices.Create(OperationKind.U, theta, phi, lambda);
        var phase = Complex.FromPolarCoordinates(1, gamma);
        return [.. u.Select(e => e * phase)];
    }
}
