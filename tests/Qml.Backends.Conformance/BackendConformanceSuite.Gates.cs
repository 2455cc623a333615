using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Conformance;

/// <summary>Every named gate and random unitaries, on every position, from an entangled start.</summary>
public abstract partial class BackendConformanceSuite
{
    [TestCaseSource(typeof(GateCases), nameof(GateCases.NamedGateOnEveryPosition))]
    public async Task NamedGateMatchesReferenceOnEveryPosition(OperationKind kind, int qubitCount)
    {
        Assume.That(qubitCount, Is.LessThanOrEqualTo(Capabilities.MaxQubits));
        var definition = GateDefinition.Of(kind);
        var layer = RandomCircuits.EntanglingLayer(qubitCount);
        var start = RandomCircuits.EntangledStart(qubitCount);
        var random = new Random(((int)kind * 100) + qubitCount);
        var symbols = RandomCircuits.Symbols(definition.AngleCount, 0);
        var angles = Enumerable.Range(0, definition.AngleCount).Select(i => Angle.FromSymbol(i, -1.5, 0.25)).ToArray();
        foreach (var qubits in GateCases.Positions(qubitCount, definition.QubitCount))
        {
            var gate = Operation.Gate(kind, qubits, angles);
            var circuit = new Circuit(qubitCount, 0, symbols, [.. layer, gate]);
            var bindings = RandomBindings(random, circuit, 1);
            var expected = (System.Numerics.Complex[])start.Clone();
            ReferenceSimulator.ApplyUnitary(expected, gate, bindings.Row(0));
            await AssertMatchesStatesAsync(circuit, bindings, [expected], $"{gate} with [{string.Join(", ", bindings.Values.ToArray())}] on {qubitCount} qubits");
        }
    }

    [TestCaseSource(typeof(GateCases), nameof(GateCases.NamedGateOnALargeRegister))]
    public async Task NamedGateMatchesReferenceOnALargeRegister(OperationKind kind)
    {
        const int QubitCount = GateCases.LargeQubits;
        Assume.That(QubitCount, Is.LessThanOrEqualTo(Capabilities.MaxQubits));
        var layer = RandomCircuits.EntanglingLayer(QubitCount);
        var start = RandomCircuits.EntangledStart(QubitCount);
        var angles = Enumerable.Range(0, GateDefinition.Of(kind).AngleCount).Select(i => Angle.FromConstant(0.4 + (1.3 * i))).ToArray();
        foreach (var qubits in GateCases.ExtremePositions(QubitCount, GateDefinition.Of(kind).QubitCount))
        {
            var gate = Operation.Gate(kind, qubits, angles);
            var expected = (System.Numerics.Complex[])start.Clone();
            ReferenceSimulator.ApplyUnitary(expected, gate, []);
            await AssertMatchesStatesAsync(new Circuit(QubitCount, 0, [], [.. layer, gate]), BindingTable.Empty(), [expected], $"{gate} on {QubitCount} qubits");
        }
    }

    [TestCaseSource(typeof(GateCases), nameof(GateCases.UnitaryWidths))]
    public async Task ArbitraryUnitaryMatchesReferenceAtRandomPositions(int width, int qubitCount)
    {
        Assume.That(qubitCount, Is.LessThanOrEqualTo(Capabilities.MaxQubits));
        var random = new Random((width * 31) + qubitCount);
        var layer = RandomCircuits.EntanglingLayer(qubitCount);
        for (var trial = 0; trial < 8; trial++)
        {
            var unitary = Operation.Unitary(RandomUnitaries.Create(random, width), RandomCircuits.DistinctQubits(random, qubitCount, width));
            var circuit = new Circuit(qubitCount, 0, [], [.. layer, unitary]);
            await AssertMatchesStatesAsync(circuit, BindingTable.Empty(), ReferenceStates(circuit, BindingTable.Empty()), $"trial {trial}: {unitary}");
        }
    }
}
