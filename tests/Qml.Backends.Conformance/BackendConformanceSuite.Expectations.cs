using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance;

/// <summary>Pauli-sum expectations: textbook values, then random states vs the reference.</summary>
public abstract partial class BackendConformanceSuite
{
    [Test]
    public async Task ExpectationsOfSingleQubitStatesHaveTextbookValues()
    {
        AssumeExactResults();
        // |+i⟩ = S·H|0⟩ has ⟨Y⟩ = +1; RX(θ)|0⟩ has ⟨Y⟩ = −sin θ and ⟨Z⟩ = cos θ.
        const double Theta = 0.7;
        var circuit = new CircuitBuilder(2).H(0).S(0).RX(1, Theta).Build();
        var result = await RunAsync(ExpectationRequest(
            circuit,
            BindingTable.Empty(),
            Observable.Parse("Y0"),
            Observable.Parse("X0"),
            Observable.Parse("Z0"),
            Observable.Parse("Y1"),
            Observable.Parse("Z1"),
            Observable.Parse("Y0 Y1"),
            Observable.Parse("2*Y0 - 0.5*Z1 + 0.25")));
        double[] expected = [1, 0, 0, -Math.Sin(Theta), Math.Cos(Theta), -Math.Sin(Theta), 2 - (0.5 * Math.Cos(Theta)) + 0.25];
        AssertValues(result.Expectations!.Row(0), expected, "⟨Y0⟩, ⟨X0⟩, ⟨Z0⟩, ⟨Y1⟩, ⟨Z1⟩, ⟨Y0 Y1⟩, ⟨2 Y0 − 0.5 Z1 + 0.25⟩");
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(6)]
    public async Task PauliSumExpectationsMatchReference(int qubitCount)
    {
        AssumeExactResults();
        Assume.That(qubitCount, Is.LessThanOrEqualTo(Capabilities.MaxQubits));
        var random = new Random(500 + qubitCount);
        var circuit = RandomCircuits.Create(random, qubitCount, [Abstractions.Gates.OperationKind.RY, Abstractions.Gates.OperationKind.CRX], 1, 1, 6, withUnitaries: true);
        var bindings = RandomBindings(random, circuit, 3);
        var observables = Enumerable.Range(0, 6).Select(_ => RandomPauliSum(random, qubitCount)).Append(Observable.Parse("1.5")).ToArray();
        var result = await RunAsync(ExpectationRequest(circuit, bindings, observables));
        Assert.That((result.Expectations!.Rows, result.Expectations.Columns), Is.EqualTo((bindings.Rows, observables.Length)), "B×O shape");
        for (var row = 0; row < bindings.Rows; row++)
        {
            var state = ReferenceSimulator.Run(circuit, bindings.Row(row));
            var expected = observables.Select(o => ReferenceSimulator.Expectation(state, o)).ToArray();
            AssertValues(result.Expectations.Row(row), expected, $"row {row}, observables [{string.Join("; ", observables.AsEnumerable())}]");
        }
    }

    /// <summary>A sum of 1–4 weighted random Pauli strings (identity factors and an identity term included).</summary>
    private static Observable RandomPauliSum(Random random, int qubitCount)
    {
        var terms = new List<PauliTerm>();
        var count = 1 + random.Next(4);
        for (var t = 0; t < count; t++)
        {
            var factors = Enumerable.Range(0, qubitCount).Select(q => (q, (Pauli)random.Next(4)));
            terms.Add(new PauliTerm(Math.Round((random.NextDouble() * 4) - 2, 2), PauliString.Create(factors)));
        }

        terms.Add(new PauliTerm(-0.75, PauliString.Identity));
        return new Observable(terms);
    }
}
