using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance;

/// <summary>Vector-Jacobian products against central finite differences of the backend's own expectations.</summary>
public abstract partial class BackendConformanceSuite
{
    private static readonly OperationKind[] GradientKinds =
        [.. RandomCircuits.ParameterizedKinds, OperationKind.H, OperationKind.CX, OperationKind.SX, OperationKind.CZ];

    [Test]
    public void AdjointCapabilityMatchesTheInterface() =>
        Assert.That(
            Backend is IDifferentiableBackend,
            Is.EqualTo(Capabilities.GradientMethods.HasFlag(GradientMethods.Adjoint)),
            "a backend declares Adjoint exactly when it implements IDifferentiableBackend");

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(5)]
    [TestCase(14)]
    public async Task VectorJacobianMatchesCentralFiniteDifferences(int qubitCount)
    {
        AssumeExactResults();
        Assume.That(Capabilities.GradientMethods.HasFlag(GradientMethods.Adjoint), Is.True);
        Assume.That(qubitCount, Is.LessThanOrEqualTo(Capabilities.MaxQubits));
        var differentiable = (IDifferentiableBackend)Backend;
        var random = new Random(1100 + qubitCount);
        var circuit = RandomCircuits.Create(random, qubitCount, GradientKinds, inputs: 2, weights: 3, extraGates: 10, withUnitaries: true);
        var bindings = RandomBindings(random, circuit, qubitCount > 10 ? 1 : 3);
        Observable[] observables =
        [
            Observable.Parse("Z0"),
            Observable.Parse($"0.5*X0 Y{qubitCount - 1} - 1.5*Y0 + 0.2"),
            Observable.Parse($"X{qubitCount - 1} + 0.75*Z0 Z{qubitCount - 1} - 0.3*Y{qubitCount / 2}"),
        ];
        var upstream = new ResultMatrix<double>(bindings.Rows, observables.Length, [.. Enumerable.Range(0, bindings.Rows * observables.Length).Select(_ => RandomUnitaries.Gaussian(random))]);
        var request = ExpectationRequest(circuit, bindings, observables);

        var gradient = await differentiable.VectorJacobianAsync(request, upstream);
        var forward = await RunAsync(request);

        Assert.That((gradient.SymbolGradients.Rows, gradient.SymbolGradients.Columns), Is.EqualTo((bindings.Rows, circuit.Symbols.Length)), "B×P gradient shape");
        AssertValues(gradient.Expectations.Values, forward.Expectations!.Values, "expectations of the VJP equal ExecuteAsync's");
        var finiteDifferences = await FiniteDifferenceVjpAsync(request, upstream);
        var (step, relative) = FiniteDifferenceSettings;
        for (var row = 0; row < bindings.Rows; row++)
        {
            for (var symbol = 0; symbol < circuit.Symbols.Length; symbol++)
            {
                var expected = finiteDifferences[row, symbol];
                Assert.That(
                    gradient.SymbolGradients[row, symbol],
                    Is.EqualTo(expected).Within(relative * Math.Max(1.0, Math.Abs(expected))),
                    $"row {row}, d/d{circuit.Symbols[symbol].Name} (central difference, h = {step})");
            }
        }
    }

    [Test]
    public void VectorJacobianWithAMisshapedUpstreamIsRefused()
    {
        Assume.That(Capabilities.GradientMethods.HasFlag(GradientMethods.Adjoint), Is.True);
        var builder = new CircuitBuilder(1);
        var circuit = builder.RX(0, builder.Weight("w")).Build();
        var request = ExpectationRequest(circuit, BindingTable.FromRows([[0.1], [0.2]]), Observable.Z(0));
        Assert.ThrowsAsync<BackendException>(() => ((IDifferentiableBackend)Backend).VectorJacobianAsync(request, new ResultMatrix<double>(1, 1, [1.0])));
    }

    /// <summary>Step and relative tolerance of the finite-difference check for the backend's precision.</summary>
    private (double Step, double Relative) FiniteDifferenceSettings =>
        Capabilities.Precision == Precision.Double ? (1e-5, 1e-6) : (1e-2, 2e-3);

    /// <summary>Σ_o upstream[b,o]·(⟨O_o⟩(s + h·e_p) − ⟨O_o⟩(s − h·e_p)) / 2h, all shifted rows in one batched request.</summary>
    private async Task<ResultMatrix<double>> FiniteDifferenceVjpAsync(ExecutionRequest request, ResultMatrix<double> upstream)
    {
        var (step, _) = FiniteDifferenceSettings;
        var bindings = request.Bindings;
        var symbols = bindings.Columns;
        var shifted = new List<double[]>();
        for (var row = 0; row < bindings.Rows; row++)
        {
            for (var symbol = 0; symbol < symbols; symbol++)
            {
                foreach (var sign in new[] { 1.0, -1.0 })
                {
                    var values = bindings.Row(row).ToArray();
                    values[symbol] += sign * step;
                    shifted.Add(values);
                }
            }
        }

        var result = await RunAsync(request with { Bindings = BindingTable.FromRows(shifted) });
        var expectations = result.Expectations!;
        var vjp = new ResultMatrix<double>(bindings.Rows, symbols);
        for (var row = 0; row < bindings.Rows; row++)
        {
            for (var symbol = 0; symbol < symbols; symbol++)
            {
                var plus = 2 * ((row * symbols) + symbol);
                var sum = 0.0;
                for (var o = 0; o < upstream.Columns; o++)
                {
                    sum += upstream[row, o] * (expectations[plus, o] - expectations[plus + 1, o]);
                }

                vjp[row, symbol] = sum / (2 * step);
            }
        }

        return vjp;
    }
}
