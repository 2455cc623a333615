using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Backends.Cpu.Tests.Support;

namespace Qml.Backends.Cpu.Tests;

public sealed class CpuBackendFactoryTests
{
    [Test]
    public void DescribeDeclaresCapabilitiesAndOptions()
    {
        var descriptor = new CpuBackendFactory().Describe();
        Assert.Multiple(() =>
        {
            Assert.That(descriptor.Name, Is.EqualTo("cpu"));
            Assert.That(descriptor.Capabilities.ExactExpectations && descriptor.Capabilities.StateAccess && descriptor.Capabilities.MidCircuitMeasurement, Is.True);
            Assert.That(descriptor.Capabilities.GradientMethods.HasFlag(GradientMethods.Adjoint), Is.True);
            Assert.That(descriptor.Capabilities.MaxQubits, Is.InRange(20, 30));
            Assert.That(descriptor.Options.Select(o => o.Name), Is.EquivalentTo(new[] { "threads", "parallel-min-qubits", "fusion", "cache-block-qubits" }));
        });
    }

    [Test]
    public async Task ThreadsOptionIsHonoured()
    {
        // 15 qubits at parallel-min-qubits=12: one row, gates spread over all three threads.
        using var backend = TestBackends.Create(3, parallelMinQubits: 12);
        var circuit = new CircuitBuilder(15).H(0).CX(0, 14).Build();
        var result = await backend.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Observables = [Observable.Z(14)] });
        Assert.Multiple(() =>
        {
            Assert.That(backend.Threads, Is.EqualTo(3));
            Assert.That(result.Diagnostics.Threads, Is.EqualTo(3));
            Assert.That(result.Diagnostics.Details["amplitudeThreads"], Is.EqualTo("3"));
            Assert.That(result.Expectations![0, 0], Is.EqualTo(0.0).Within(1e-12));
        });
    }

    [Test]
    public async Task SmallStatesSpreadRowsOverTheThreadsInstead()
    {
        using var backend = TestBackends.Create(2, parallelMinQubits: 16);
        var circuit = new CircuitBuilder(4).H(0).Build();
        var result = await backend.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Bindings = BindingTable.Empty(5), Observables = [Observable.Z(0)] });
        Assert.That(result.Diagnostics.Details["rowWorkers"], Is.EqualTo("2"));
    }

    [TestCase("parallel-min-qubits", "0", "1..30")]
    [TestCase("parallel-min-qubits", "31", "1..30")]
    public void BadParallelThresholdNamesTheKeyAndTheRange(string key, string value, string range) =>
        Assert.That(
            () => new CpuBackendFactory().Create(BackendOptions.Default.With(key, value)),
            Throws.InstanceOf<QmlException>().With.Message.Contains($"{key}={value}").And.Message.Contains(range));

    [Test]
    public void DefaultThreadsIsTheProcessorCount() =>
        Assert.That(((CpuStatevectorBackend)new CpuBackendFactory().Create(BackendOptions.Default)).Threads, Is.EqualTo(Environment.ProcessorCount));

    [TestCase("threads", "0")]
    [TestCase("threads", "many")]
    public void BadThreadsValueNamesTheKeyAndTheRange(string key, string value) =>
        Assert.That(
            () => new CpuBackendFactory().Create(BackendOptions.Default.With(key, value)),
            Throws.InstanceOf<QmlException>().With.Message.Contains($"threads={value}").And.Message.Contains($"1..{Environment.ProcessorCount * 4}"));

    [Test]
    public void UnknownOptionIsRejectedWithTheValidKeys() =>
        Assert.That(
            () => new CpuBackendFactory().Create(BackendOptions.Default.With("precision", "single")),
            Throws.InstanceOf<QmlException>().With.Message.Contains("precision").And.Message.Contains("threads"));

    [Test]
    public void PluginModuleRegistersTheFactory()
    {
        var services = new ServiceCollection();
        new CpuPluginModule().ConfigureServices(services);
        var registered = services.Where(d => d.ServiceType == typeof(IBackendFactory)).Select(d => d.ImplementationType);
        Assert.That(registered, Is.EqualTo(new[] { typeof(CpuBackendFactory) }));
    }
}
