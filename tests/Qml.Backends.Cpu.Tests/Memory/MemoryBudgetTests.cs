using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Backends.Cpu.Memory;
using Qml.Backends.Cpu.Tests.Support;

namespace Qml.Backends.Cpu.Tests.Memory;

public sealed class MemoryBudgetTests
{
    [Test]
    public void TooManyQubitsAreRefusedWithSizeAvailableMemoryAndWhatFits()
    {
        using var backend = TestBackends.Create(2);
        var circuit = new CircuitBuilder(34).H(0).Build();
        var request = new ExecutionRequest { Circuit = circuit, Observables = [Observable.Z(0)] };
        var fit = MemoryBudget.MaxQubitsThatFit(1);
        Assert.That(
            async () => await backend.ExecuteAsync(request),
            Throws.TypeOf<BackendException>().With.Message.Contains("34 qubits need 256 GiB for one state vector (2^34 × 16 bytes)")
                .And.Message.Contains("is available here")
                .And.Message.Contains($"at most {fit} qubits fit"));
    }

    [Test]
    public void GradientsCountBothTheirBuffers()
    {
        using var backend = TestBackends.Create(1);
        var circuit = new CircuitBuilder(33).H(0).Build();
        var request = new ExecutionRequest { Circuit = circuit, Observables = [Observable.Z(0)] };
        Assert.That(
            async () => await backend.VectorJacobianAsync(request, new ResultMatrix<double>(1, 1, [1.0])),
            Throws.TypeOf<BackendException>().With.Message.Contains("33 qubits need 256 GiB for 2 state vectors"));
    }

    [Test]
    public void ReturnedStatesCountAgainstMemory()
    {
        Assume.That(MemoryBudget.AvailableBytes, Is.LessThan(30L << 30), "needs a machine where four 8 GiB vectors do not fit");
        using var backend = TestBackends.Create(1);
        var request = new ExecutionRequest { Circuit = new CircuitBuilder(29).H(0).Build(), Bindings = BindingTable.Empty(3), Outputs = ResultKinds.State };
        Assert.That(
            async () => await backend.ExecuteAsync(request),
            Throws.TypeOf<BackendException>().With.Message.Contains("29 qubits need 32 GiB for 4 state vectors").And.Message.Contains("3 for returned states"));
    }

    [Test]
    public void ResultTablesLongerThanOneArrayAreRefused()
    {
        using var backend = TestBackends.Create(1);
        var request = new ExecutionRequest { Circuit = new CircuitBuilder(20).H(0).Build(), Bindings = BindingTable.Empty(4096), Outputs = ResultKinds.State };
        Assert.That(
            async () => await backend.ExecuteAsync(request),
            Throws.TypeOf<BackendException>().With.Message.Contains("4096 returned states of 2^20 amplitudes").And.Message.Contains("fewer rows"));
    }

    [Test]
    public void StateBufferIsAlignedAndFreedDeterministically()
    {
        var buffer = new StateBuffer(6);
        unsafe
        {
            Assert.That((nuint)buffer.Pointer % 64, Is.EqualTo((nuint)0));
        }

        buffer.ResetToZero();
        Assert.That(buffer.Amplitudes[0], Is.EqualTo(System.Numerics.Complex.One));
        buffer.Dispose();
        Assert.That(() => buffer.Amplitudes.Length, Throws.TypeOf<ObjectDisposedException>());
    }
}
