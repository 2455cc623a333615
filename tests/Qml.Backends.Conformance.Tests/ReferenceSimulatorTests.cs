using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance.Tests;

/// <summary>Hand-checked states for the oracle itself, independent of any backend.</summary>
[TestFixture]
internal sealed class ReferenceSimulatorTests
{
    private static readonly double R = 1 / Math.Sqrt(2);

    [Test]
    public void BellStateFromHAndCx()
    {
        var state = ReferenceSimulator.Run(new CircuitBuilder(2).H(0).CX(0, 1).Build(), []);
        AssertState(state, [R, 0, 0, R]);
    }

    [Test]
    public void XOnQubitTwoSetsBitTwoOfTheIndex()
    {
        var state = ReferenceSimulator.Run(new CircuitBuilder(3).X(2).Build(), []);
        AssertState(state, [0, 0, 0, 0, 1, 0, 0, 0]);
    }

    [Test]
    public void CxWithControlOnTheHigherQubitFlipsTheLowerOne()
    {
        // |q2 q1 q0⟩ = |100⟩ → CX(2 → 0) → |101⟩ = index 5.
        var state = ReferenceSimulator.Run(new CircuitBuilder(3).X(2).CX(2, 0).Build(), []);
        AssertState(state, [0, 0, 0, 0, 0, 1, 0, 0]);
    }

    [Test]
    public void ExpectationsOfPlusIState()
    {
        var state = ReferenceSimulator.Run(new CircuitBuilder(1).H(0).S(0).Build(), []);
        Assert.That(ReferenceSimulator.Expectation(state, Observable.Parse("Y0")), Is.EqualTo(1.0).Within(1e-15));
        Assert.That(ReferenceSimulator.Expectation(state, Observable.Parse("X0 + 0.5")), Is.EqualTo(0.5).Within(1e-15));
    }

    [Test]
    public void MarginalProbabilitiesFollowTheQubitList()
    {
        var state = ReferenceSimulator.Run(new CircuitBuilder(3).X(2).H(1).Build(), []);
        Assert.That(ReferenceSimulator.Probabilities(state, [2, 0]), Is.EqualTo(new[] { 0.0, 1.0, 0.0, 0.0 }).Within(1e-15));
        Assert.That(ReferenceSimulator.Probabilities(state, [1]), Is.EqualTo(new[] { 0.5, 0.5 }).Within(1e-15));
    }

    [Test]
    public void TrajectoriesCollapseAndCondition()
    {
        var circuit = new CircuitBuilder(2, 2).H(0).Measure(0, 0)
            .Add(Operation.Gate(Abstractions.Gates.OperationKind.X, [1]).WithCondition(new ClassicalCondition([0], 1)))
            .Measure(1, 1).Build();
        var random = new Random(3);
        var outcomes = Enumerable.Range(0, 400).Select(_ => ReferenceSimulator.RunShot(circuit, [], random)).ToArray();
        Assert.That(outcomes, Is.All.EqualTo(0UL).Or.EqualTo(3UL));
        Assert.That(outcomes.Count(o => o == 3UL), Is.InRange(150, 250));
    }

    [Test]
    public void RandomUnitariesAreUnitary()
    {
        var random = new Random(1);
        foreach (var width in new[] { 1, 2, 3 })
        {
            var unitary = RandomUnitaries.Create(random, width);
            Assert.That(UnitaryMatrix.UnitarityError(unitary.Entries.AsSpan(), unitary.Dimension), Is.LessThan(1e-12), $"{width} qubit(s)");
        }
    }

    private static void AssertState(Complex[] actual, Complex[] expected)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That((actual[i] - expected[i]).Magnitude, Is.LessThan(1e-15), $"amplitude {i}");
        }
    }
}
