using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Tests.Circuits;

public sealed class CircuitTests
{
    [Test]
    public void BuilderDeclaresSymbolsInFirstUseOrder()
    {
        var builder = new CircuitBuilder(2);
        var circuit = builder.RY(0, builder.Input("x0")).RZ(1, builder.Weight("w0")).RY(1, builder.Input("x0")).Build();

        Assert.That(circuit.Symbols.Select(s => (s.Name, s.Role)), Is.EqualTo(new[] { ("x0", SymbolRole.Input), ("w0", SymbolRole.Weight) }));
        Assert.That(circuit.IndexOfSymbol("w0"), Is.EqualTo(1));
    }

    [Test]
    public void QubitOutOfRangeNamesTheOperationAndTheValidRange()
    {
        var error = Assert.Throws<ArgumentException>(() => new CircuitBuilder(2).CX(0, 2).Build());

        Assert.That(error!.Message, Does.Contain("qubit 2").And.Contain("0..1").And.Contain("cx"));
    }

    [Test]
    public void RepeatedQubitInOneGateIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Operation.Gate(OperationKind.CX, [1, 1]));

        Assert.That(error!.Message, Does.Contain("qubit 1 twice"));
    }

    [Test]
    public void NonUnitaryMatrixIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new UnitaryMatrix([1, 1, 0, 1]));

        Assert.That(error!.Message, Does.Contain("not unitary"));
    }

    [Test]
    public void BindReplacesSymbolsWithValues()
    {
        var builder = new CircuitBuilder(1);
        var circuit = builder.RX(0, (2 * builder.Input("x")) + 1).Build();

        var bound = circuit.Bind([0.5]);

        Assert.That(bound.Symbols, Is.Empty);
        Assert.That(bound.Operations[0].Angles[0], Is.EqualTo((Angle)2.0));
    }

    [Test]
    public void MidCircuitMeasurementIsDetected()
    {
        var terminal = new CircuitBuilder(2).H(0).CX(0, 1).MeasureAll().Build();
        var midCircuit = new CircuitBuilder(2).H(0).Measure(0, 0).CX(0, 1).Build();

        Assert.That(terminal.HasMidCircuitMeasurement, Is.False);
        Assert.That(midCircuit.HasMidCircuitMeasurement, Is.True);
    }

    [Test]
    public void AResetOfAnUntouchedQubitIsNotMidCircuit()
    {
        var leading = new CircuitBuilder(2).Reset(0).H(0).CX(0, 1).Build();
        var later = new CircuitBuilder(2).H(0).Reset(0).Build();

        Assert.That(leading.HasMidCircuitMeasurement, Is.False);
        Assert.That(later.HasMidCircuitMeasurement, Is.True);
    }
}
