using System.Collections.Immutable;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;
using Qml.Backends.Cpu.Tests.Support;

namespace Qml.Backends.Cpu.Tests.Gradients;

/// <summary>The adjoint vector-Jacobian product against central finite differences of the forward pass.</summary>
public sealed class AdjointGradientTests
{
    private const double Step = 1e-5;

    private static readonly ImmutableArray<Observable> Observables =
        [Observable.Parse("Z0 + 0.5*X1"), Observable.Parse("Y0 Z2 - 0.7*X2 Y1")];

    private static IEnumerable<OperationKind> Parameterized =>
        TestCircuits.NamedGates.Where(k => GateDefinition.Of(k).IsParameterized);

    [TestCaseSource(nameof(Parameterized))]
    public async Task EachParameterizedGateMatchesFiniteDifferencesWithAffineAngles(OperationKind kind)
    {
        // Angles c0 + 2·x − 0.5·w, inside a small entangling frame so every gradient component is non-trivial.
        var definition = GateDefinition.Of(kind);
        var angle = Angle.FromTerms(0.3, [new AngleTerm(0, 2.0), new AngleTerm(1, -0.5)]);
        var qubits = definition.QubitCount switch { 1 => new[] { 1 }, 2 => new[] { 2, 0 }, _ => new[] { 0, 1, 2 } };
        var angles = Enumerable.Range(0, definition.AngleCount).Select(j => angle + (0.2 * j)).ToArray();
        var operations = new List<Operation>
        {
            Operation.Gate(OperationKind.H, [0]), Operation.Gate(OperationKind.RY, [1], Angle.FromSymbol(1, 0.7)),
            Operation.Gate(OperationKind.CX, [0, 2]), Operation.Gate(OperationKind.RX, [2], 0.4),
            Operation.Gate(kind, qubits, angles),
            Operation.Gate(OperationKind.CX, [1, 0]), Operation.Gate(OperationKind.RZ, [0], Angle.FromSymbol(0, -1.3)),
            Operation.Barrier([0, 1, 2]), Operation.Gate(OperationKind.H, [1]),
        };
        var circuit = new Circuit(3, 0, [new Symbol("x", SymbolRole.Input), new Symbol("w", SymbolRole.Weight)], operations);
        await AssertMatchesFiniteDifferences(circuit, BindingTable.FromRows([[0.4, -0.8], [1.3, 0.25]]), threads: 2);
    }

    [Test]
    public async Task RandomDeepCircuitWithUnitariesMatchesFiniteDifferences()
    {
        var circuit = TestCircuits.Random(new Random(11), 4, 50);
        await AssertMatchesFiniteDifferences(circuit, BindingTable.FromRows([[0.2, 0.9], [-1.0, 0.3], [2.0, -0.6]]), threads: 3);
    }

    [Test]
    public async Task LargeStateGradientsRunWithAmplitudeThreads()
    {
        var circuit = TestCircuits.Random(new Random(12), 14, 25, withUnitaries: false);
        await AssertMatchesFiniteDifferences(circuit, BindingTable.Single(0.7, -0.4), threads: 2);
    }

    [Test]
    public async Task CircuitWithoutSymbolsHasAnEmptyGradient()
    {
        var circuit = new CircuitBuilder(2).RX(0, 0.3).CX(0, 1).Build();
        using var backend = TestBackends.Create(1);
        var request = new ExecutionRequest { Circuit = circuit, Observables = [Observable.Z(1)] };
        var result = await backend.VectorJacobianAsync(request, new ResultMatrix<double>(1, 1, [1.0]));
        Assert.Multiple(() =>
        {
            Assert.That(result.SymbolGradients.Columns, Is.EqualTo(0));
            Assert.That(result.Expectations[0, 0], Is.EqualTo(Math.Cos(0.3)).Within(1e-12));
        });
    }

    [Test]
    public void MeasurementsAreRefusedByTheSharedValidator()
    {
        var circuit = new CircuitBuilder(1, 1).RX(0, 0.2).Measure(0, 0).H(0).Build();
        using var backend = TestBackends.Create(1);
        var request = new ExecutionRequest { Circuit = circuit, Observables = [Observable.Z(0)] };
        Assert.That(
            async () => await backend.VectorJacobianAsync(request, new ResultMatrix<double>(1, 1, [1.0])),
            Throws.TypeOf<BackendException>());
    }

    private static async Task AssertMatchesFiniteDifferences(Circuit circuit, BindingTable bindings, int threads)
    {
        using var backend = TestBackends.Create(threads);
        var upstream = new ResultMatrix<double>(bindings.Rows, Observables.Length);
        for (var i = 0; i < upstream.Values.Length; i++)
        {
            upstream.Values[i] = 0.5 + (0.37 * i);
        }

        var request = new ExecutionRequest { Circuit = circuit, Bindings = bindings, Observables = Observables };
        var gradient = await backend.VectorJacobianAsync(request, upstream);
        var forward = await backend.ExecuteAsync(request);
        Assert.That(gradient.Expectations.Values, Is.EqualTo(forward.Expectations!.Values).Within(1e-12));

        for (var row = 0; row < bindings.Rows; row++)
        {
            for (var p = 0; p < bindings.Columns; p++)
            {
                var plus = bindings.Row(row).ToArray();
                var minus = bindings.Row(row).ToArray();
                plus[p] += Step;
                minus[p] -= Step;
                var up = await backend.ExecuteAsync(request with { Bindings = BindingTable.Single(plus) });
                var down = await backend.ExecuteAsync(request with { Bindings = BindingTable.Single(minus) });
                var expected = 0.0;
                for (var o = 0; o < Observables.Length; o++)
                {
                    expected += upstream[row, o] * (up.Expectations![0, o] - down.Expectations![0, o]) / (2 * Step);
                }

                Assert.That(gradient.SymbolGradients[row, p], Is.EqualTo(expected).Within(1e-7), $"row {row}, symbol {circuit.Symbols[p].Name}");
            }
        }
    }
}
