using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;

namespace Qml.Abstractions.Tests.Execution;

public sealed class RequestValidatorTests
{
    private static readonly BackendInfo Basic = new(
        "test",
        "1",
        "U+CX only",
        new Capabilities { MaxQubits = 4, ExactExpectations = true, NativeGates = GateSet.Basic });

    [Test]
    public void NonNativeGatesAreDecomposedForTheBackend()
    {
        var request = new ExecutionRequest
        {
            Circuit = new CircuitBuilder(2).H(0).CZ(0, 1).Build(),
            Observables = [Observable.Z(1)],
        };

        var prepared = RequestValidator.Prepare(request, Basic);

        Assert.That(prepared.Circuit.Operations.Select(o => o.Kind), Is.All.AnyOf(OperationKind.U, OperationKind.CX));
    }

    [Test]
    public void TooManyQubitsNamesTheLimit()
    {
        var request = new ExecutionRequest { Circuit = new CircuitBuilder(5).H(4).Build(), Observables = [Observable.Z(0)] };

        var error = Assert.Throws<BackendException>(() => RequestValidator.Prepare(request, Basic));

        Assert.That(error!.Message, Does.Contain("5 qubits").And.Contain("at most 4").And.StartWith("backend 'test'"));
    }

    [Test]
    public void BindingColumnsMustMatchSymbols()
    {
        var builder = new CircuitBuilder(1);
        var request = new ExecutionRequest
        {
            Circuit = builder.RX(0, builder.Input("x")).RY(0, builder.Weight("w")).Build(),
            Bindings = BindingTable.Single(0.1),
            Observables = [Observable.Z(0)],
        };

        var error = Assert.Throws<BackendException>(() => RequestValidator.Prepare(request, Basic));

        Assert.That(error!.Message, Does.Contain("1 column(s)").And.Contain("2 symbol(s) (x, w)"));
    }

    [Test]
    public void ObservableBeyondTheCircuitIsRejected()
    {
        var request = new ExecutionRequest { Circuit = new CircuitBuilder(2).H(0).Build(), Observables = [Observable.Parse("Z0 X3")] };

        var error = Assert.Throws<BackendException>(() => RequestValidator.Prepare(request, Basic));

        Assert.That(error!.Message, Does.Contain("qubit 3").And.Contain("0..1"));
    }

    [Test]
    public void UnsupportedOutputsAreRefusedFromCapabilities()
    {
        var request = new ExecutionRequest { Circuit = new CircuitBuilder(1).H(0).Build(), Outputs = ResultKinds.State };

        var error = Assert.Throws<BackendException>(() => RequestValidator.Prepare(request, Basic));

        Assert.That(error!.Message, Does.Contain("state vector"));
    }

    [Test]
    public void SamplesNeedShots()
    {
        var request = new ExecutionRequest { Circuit = new CircuitBuilder(1).H(0).Build(), Outputs = ResultKinds.Samples };

        var error = Assert.Throws<BackendException>(() => RequestValidator.Prepare(request, Basic));

        Assert.That(error!.Message, Does.Contain("0 shots"));
    }

    [Test]
    public void MidCircuitMeasurementNeedsTheCapability()
    {
        var circuit = new CircuitBuilder(2).H(0).Measure(0, 0).CX(0, 1).Build();
        var request = new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 10 };

        var error = Assert.Throws<BackendException>(() => RequestValidator.Prepare(request, Basic));

        Assert.That(error!.Message, Does.Contain("terminal measurements"));
    }

    [Test]
    public void GradientUpstreamShapeIsChecked()
    {
        var request = new ExecutionRequest { Circuit = new CircuitBuilder(1).H(0).Build(), Observables = [Observable.Z(0)] };

        var error = Assert.Throws<BackendException>(() => RequestValidator.PrepareGradient(request, new ResultMatrix<double>(2, 1), Basic));

        Assert.That(error!.Message, Does.Contain("2×1").And.Contain("1×1"));
    }

    [Test]
    public void InitialResetsAreDroppedSoExactOutputsWork()
    {
        var circuit = new CircuitBuilder(1).Reset(0).H(0).Build();
        var request = new ExecutionRequest { Circuit = circuit, Observables = [Observable.Z(0)] };

        var prepared = RequestValidator.Prepare(request, Basic);

        Assert.That(prepared.Circuit.Operations.Select(o => o.Kind), Has.None.EqualTo(OperationKind.Reset));
    }
}
