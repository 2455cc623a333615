using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Conformance;

/// <summary>Full and marginal probabilities: bit order, normalisation, reference values.</summary>
public abstract partial class BackendConformanceSuite
{
    [Test]
    public async Task MarginalProbabilitiesPutTheFirstListedQubitInBitZero()
    {
        AssumeExactResults();
        Assume.That(Capabilities.Probabilities, Is.True);

        // X on q2 of three qubits: over [2, 0] the outcome is q2=1 (bit 0), q0=0 (bit 1), index 1.
        var circuit = new CircuitBuilder(3).X(2).Build();
        var result = await RunAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Probabilities, ProbabilityQubits = [2, 0] });
        AssertValues(result.Probabilities!.Row(0), [0, 1, 0, 0], "P over [q2, q0] after X q2");
        var full = await RunAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Probabilities });
        AssertValues(full.Probabilities!.Row(0), [0, 0, 0, 0, 1, 0, 0, 0], "P over all qubits after X q2 (index 4 = 0b100)");
    }

    [TestCase(2)]
    [TestCase(4)]
    [TestCase(7)]
    public async Task FullAndMarginalProbabilitiesMatchReference(int qubitCount)
    {
        AssumeExactResults();
        Assume.That(Capabilities.Probabilities, Is.True);
        Assume.That(qubitCount, Is.LessThanOrEqualTo(Capabilities.MaxQubits));
        var random = new Random(300 + qubitCount);
        var circuit = RandomCircuits.Create(random, qubitCount, [OperationKind.RY, OperationKind.RZZ, OperationKind.CH], 1, 1, 8, withUnitaries: false);
        var bindings = RandomBindings(random, circuit, 3);
        int[][] selections = [[], [qubitCount - 1], [.. RandomCircuits.DistinctQubits(random, qubitCount, qubitCount / 2 + 1)], [.. Enumerable.Range(0, qubitCount).Reverse()]];
        foreach (var selection in selections)
        {
            var result = await RunAsync(new ExecutionRequest { Circuit = circuit, Bindings = bindings, Outputs = ResultKinds.Probabilities, ProbabilityQubits = [.. selection] });
            var qubits = selection.Length == 0 ? Probes.AllQubits(qubitCount) : selection;
            Assert.That(result.Probabilities!.Columns, Is.EqualTo(1 << qubits.Length), $"columns for [{string.Join(", ", qubits)}]");
            for (var row = 0; row < bindings.Rows; row++)
            {
                var actual = result.Probabilities.Row(row);
                var expected = ReferenceSimulator.Probabilities(ReferenceSimulator.Run(circuit, bindings.Row(row)), qubits);
                AssertValues(actual, expected, $"row {row}, P over [{string.Join(", ", qubits)}]");
                Assert.That(actual.ToArray().Sum(), Is.EqualTo(1.0).Within(Tolerance * 10), $"row {row}: probabilities over [{string.Join(", ", qubits)}] sum to 1");
            }
        }
    }
}
