using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance;

/// <summary>Seeded random circuits over every gate kind with affine symbolic angles, run in batches.</summary>
public abstract partial class BackendConformanceSuite
{
    private static readonly OperationKind[] AllNamedKinds = [.. RandomCircuits.NamedGates.Select(d => d.Kind)];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(5)]
    [TestCase(8)]
    [TestCase(14)]
    public async Task RandomCircuitBatchMatchesReference(int qubitCount)
    {
        Assume.That(qubitCount, Is.LessThanOrEqualTo(Capabilities.MaxQubits));
        var random = new Random(9000 + qubitCount);
        var circuit = RandomCircuits.Create(random, qubitCount, AllNamedKinds, inputs: 2, weights: 3, extraGates: 20, withUnitaries: true);
        var bindings = RandomBindings(random, circuit, qubitCount > 10 ? 3 : 5);
        await AssertMatchesStatesAsync(circuit, bindings, ReferenceStates(circuit, bindings), $"random circuit on {qubitCount} qubits");
    }

    [Test]
    public async Task ManyRowsMatchReference()
    {
        var random = new Random(6464);
        var circuit = RandomCircuits.Create(random, 3, AllNamedKinds, inputs: 2, weights: 2, extraGates: 6, withUnitaries: false);
        var bindings = RandomBindings(random, circuit, 64);
        await AssertMatchesStatesAsync(circuit, bindings, ReferenceStates(circuit, bindings), "64 rows on 3 qubits");
    }

    [TestCase(2)]
    [TestCase(4)]
    [TestCase(7)]
    public async Task BatchRowsEqualSeparateSingleRowRuns(int qubitCount)
    {
        AssumeExactResults();
        Assume.That(qubitCount, Is.LessThanOrEqualTo(Capabilities.MaxQubits));
        var random = new Random(7000 + qubitCount);
        var circuit = RandomCircuits.Create(random, qubitCount, AllNamedKinds, inputs: 2, weights: 2, extraGates: 12, withUnitaries: true);
        var bindings = RandomBindings(random, circuit, 6);
        Observable[] observables = [Observable.Parse("0.5*Z0 - 1.25*X0 + 0.3"), Observable.Parse($"Y0 Z{qubitCount - 1} + 2*X{qubitCount - 1}")];
        var outputs = ResultKinds.Expectations | ResultKinds.Probabilities | (Capabilities.StateAccess ? ResultKinds.State : ResultKinds.None);
        var batch = await RunAsync(new ExecutionRequest { Circuit = circuit, Bindings = bindings, Observables = [.. observables], Outputs = outputs });
        Assert.That(batch.Expectations!.Rows, Is.EqualTo(bindings.Rows), "expectation rows");
        Assert.That(batch.Probabilities!.Rows, Is.EqualTo(bindings.Rows), "probability rows");
        for (var row = 0; row < bindings.Rows; row++)
        {
            var single = await RunAsync(new ExecutionRequest
            {
                Circuit = circuit,
                Bindings = BindingTable.Single(bindings.Row(row).ToArray()),
                Observables = [.. observables],
                Outputs = outputs,
            });
            AssertValues(batch.Expectations.Row(row), single.Expectations!.Row(0), $"row {row} expectations, batch vs single");
            AssertValues(batch.Probabilities.Row(row), single.Probabilities!.Row(0), $"row {row} probabilities, batch vs single");
            var reference = ReferenceSimulator.Run(circuit, bindings.Row(row));
            AssertValues(batch.Expectations.Row(row), observables.Select(o => ReferenceSimulator.Expectation(reference, o)).ToArray(), $"row {row} expectations vs reference");
            if (Capabilities.StateAccess)
            {
                AssertAmplitudes(batch.States!.Row(row), single.States!.Row(0), $"row {row} state, batch vs single");
            }
        }
    }
}
