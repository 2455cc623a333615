using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance;

/// <summary>Result shapes and diagnostics every backend reports.</summary>
public abstract partial class BackendConformanceSuite
{
    [Test]
    public async Task DiagnosticsNameTheBackendAndCountTheShots()
    {
        Assume.That(Capabilities.Sampling, Is.True);
        var circuit = new CircuitBuilder(2).H(0).Build();
        var result = await RunAsync(new ExecutionRequest { Circuit = circuit, Bindings = BindingTable.Empty(3), Outputs = ResultKinds.Samples, Shots = 40, Seed = 3 });
        Assert.That(result.Diagnostics.Backend, Is.EqualTo(Backend.Info.Name), "diagnostics name the backend");
        Assert.That(result.Diagnostics.ShotsUsed, Is.EqualTo(3 * 40), "shots across all rows");
    }

    [Test]
    public async Task OnlyRequestedOutputsAreReturned()
    {
        AssumeExactResults();
        var circuit = new CircuitBuilder(2).H(0).CX(0, 1).Build();
        var result = await RunAsync(ExpectationRequest(circuit, BindingTable.Empty(), Observable.Parse("Z0 Z1")));
        Assert.That(result.Expectations, Is.Not.Null, "expectations were asked for");
        Assert.That((result.Probabilities, result.Samples, result.States), Is.EqualTo((default(ResultMatrix<double>), default(SampleTable), default(ResultMatrix<System.Numerics.Complex>))), "nothing else was");
        AssertValues(result.Expectations!.Row(0), [1.0], "⟨Z0 Z1⟩ of a Bell state");
    }

    [Test]
    public async Task RowsWithoutSymbolsRunTheSameCircuit()
    {
        AssumeExactResults();
        var circuit = new CircuitBuilder(2).RY(0, 0.8).CX(0, 1).Build();
        var result = await RunAsync(ExpectationRequest(circuit, BindingTable.Empty(4), Observable.Z(0), Observable.Parse("X0 X1")));
        Assert.That(result.Expectations!.Rows, Is.EqualTo(4), "one row per binding row");
        for (var row = 0; row < 4; row++)
        {
            AssertValues(result.Expectations.Row(row), [Math.Cos(0.8), Math.Sin(0.8)], $"row {row}: ⟨Z0⟩ = cos θ, ⟨X0 X1⟩ = sin θ");
        }
    }
}
