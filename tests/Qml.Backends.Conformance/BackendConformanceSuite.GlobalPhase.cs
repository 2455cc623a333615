using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;

namespace Qml.Backends.Conformance;

/// <summary>The circuit's global phase shows in the returned state.</summary>
public abstract partial class BackendConformanceSuite
{
    [Test]
    public async Task GlobalPhaseMultipliesTheState()
    {
        AssumeExactResults();
        Assume.That(Capabilities.StateAccess, Is.True);
        var builder = new CircuitBuilder(2);
        var phase = builder.Input("phi") * 2.0 + 0.7;
        var circuit = builder.H(0).X(1).GlobalPhase(phase).Build();
        const double Phi = -0.4;
        var result = await RunAsync(new ExecutionRequest { Circuit = circuit, Bindings = BindingTable.Single(Phi), Outputs = ResultKinds.State });
        var factor = Complex.FromPolarCoordinates(1.0 / Math.Sqrt(2.0), 0.7 + (2.0 * Phi));

        // H q0, X q1 from |00⟩: (|2⟩ + |3⟩)/√2, times e^{iφ}.
        AssertAmplitudes(result.States!.Row(0), [0, 0, factor, factor], "e^{i(0.7 + 2·phi)}·(|10⟩ + |11⟩)/√2");
    }
}
