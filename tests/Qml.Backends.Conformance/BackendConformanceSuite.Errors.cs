using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance;

/// <summary>Requests a backend cannot run fail with a <see cref="BackendException"/> that says why.</summary>
public abstract partial class BackendConformanceSuite
{
    [Test]
    public void MoreQubitsThanMaxQubitsIsRefused()
    {
        Assume.That(Capabilities.MaxQubits, Is.LessThan(Circuit.MaxQubits));
        var qubits = Capabilities.MaxQubits + 1;
        var circuit = new CircuitBuilder(qubits).H(qubits - 1).Build();
        var error = Assert.ThrowsAsync<BackendException>(() => RunAsync(ExpectationRequest(circuit, BindingTable.Empty(), Observable.Z(0))));
        Assert.That(error!.Message, Does.Contain(qubits.ToString(System.Globalization.CultureInfo.InvariantCulture)), "the message names the qubit count");
    }

    [Test]
    public void BindingColumnsOtherThanSymbolsAreRefusedNamingTheCounts()
    {
        var builder = new CircuitBuilder(1);
        var circuit = builder.RX(0, builder.Input("a") + builder.Weight("b") + builder.Weight("c")).Build();
        var bindings = new BindingTable(1, 7, [1, 2, 3, 4, 5, 6, 7]);
        var error = Assert.ThrowsAsync<BackendException>(() => RunAsync(ExpectationRequest(circuit, bindings, Observable.Z(0))));
        Assert.That(error!.Message, Does.Contain("7").And.Contain("3"), "the message names 7 columns and 3 symbols");
    }

    [Test]
    public void ObservableBeyondTheCircuitIsRefused()
    {
        var circuit = new CircuitBuilder(2).H(0).Build();
        var error = Assert.ThrowsAsync<BackendException>(() => RunAsync(ExpectationRequest(circuit, BindingTable.Empty(), Observable.Z(0), Observable.Parse("X5"))));
        Assert.That(error!.Message, Does.Contain("5"), "the message names the qubit");
    }

    [Test]
    public void SamplesWithoutShotsAreRefused()
    {
        Assume.That(Capabilities.Sampling, Is.True);
        var circuit = new CircuitBuilder(1).H(0).Build();
        Assert.ThrowsAsync<BackendException>(() => RunAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 0 }));
    }

    [Test]
    public void RequestsWithoutOutputsOrObservablesAreRefused()
    {
        var circuit = new CircuitBuilder(1).H(0).Build();
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<BackendException>(() => RunAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Expectations }), "expectations without observables");
            Assert.ThrowsAsync<BackendException>(() => RunAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.None }), "no outputs");
        });
    }

    [Test]
    public void StateIsRefusedWithoutStateAccess()
    {
        Assume.That(Capabilities.StateAccess, Is.False);
        var circuit = new CircuitBuilder(1).H(0).Build();
        Assert.ThrowsAsync<BackendException>(() => RunAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.State }));
    }

    [Test]
    public void MidCircuitMeasurementIsRefusedWithoutTheCapability()
    {
        Assume.That(Capabilities.MidCircuitMeasurement, Is.False);
        var circuit = new CircuitBuilder(1, 1).H(0).Measure(0, 0).H(0).Build();
        Assert.ThrowsAsync<BackendException>(() => RunAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 10 }));
    }

    [Test]
    public void MidCircuitMeasurementWithOutputsOtherThanSamplesIsRefused()
    {
        Assume.That(Capabilities.MidCircuitMeasurement, Is.True);
        var circuit = new CircuitBuilder(1, 1).H(0).Measure(0, 0).H(0).Build();
        Assert.ThrowsAsync<BackendException>(() => RunAsync(ExpectationRequest(circuit, BindingTable.Empty(), Observable.Z(0))));
    }
}
