using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Backends.OpenCL.Tests.Support;

namespace Qml.Backends.OpenCL.Tests;

/// <summary>States that do not fit the device are refused before any allocation, with the sizes and limits.</summary>
public sealed class OpenClMemoryTests
{
    [Test]
    public void AGradientWhoseThreeStatesDoNotFitIsRefusedNamingTheDevice()
    {
        var backend = TestBackends.Double;

        // The largest circuit one state fits; the adjoint method needs three such states.
        var n = backend.Info.Capabilities.MaxQubits;
        var builder = new CircuitBuilder(n);
        var circuit = builder.RX(0, builder.Weight("w")).Build();
        var request = new ExecutionRequest { Circuit = circuit, Bindings = BindingTable.Single(0.3), Observables = [Observable.Z(0)] };
        var error = Assert.ThrowsAsync<BackendException>(() => backend.VectorJacobianAsync(request, new ResultMatrix<double>(1, 1, [1.0])));
        Assert.That(
            error!.Message,
            Does.Contain($"{n} qubits").And.Contain(backend.DeviceName).And.Contain("CL_DEVICE_MAX_MEM_ALLOC_SIZE").And.Contain("at most"));
    }

    [Test]
    public void MoreQubitsThanTheDeviceHoldsAreRefusedByTheValidator()
    {
        var backend = TestBackends.Double;
        var n = backend.Info.Capabilities.MaxQubits + 1;
        var circuit = new CircuitBuilder(n).H(0).Build();
        var error = Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Observables = [Observable.Z(0)] }));
        Assert.That(error!.Message, Does.Contain(n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
