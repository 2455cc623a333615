using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Backends.OpenCL.Tests.Support;

namespace Qml.Backends.OpenCL.Tests;

public sealed class OpenClBackendFactoryTests
{
    [Test]
    public void DescribeListsTheDevicesAndDeclaresCapabilitiesAndOptions()
    {
        var descriptor = new OpenClBackendFactory().Describe();
        Assert.Multiple(() =>
        {
            Assert.That(descriptor.Name, Is.EqualTo("opencl"));
            Assert.That(descriptor.IsAvailable, Is.True, descriptor.UnavailableReason);
            Assert.That(descriptor.Description, Does.Contain("[0]").And.Contain("GiB global memory").And.Contain("compute units").And.Contain("fp64"));
            Assert.That(descriptor.Capabilities.ExactExpectations && descriptor.Capabilities.StateAccess, Is.True);
            Assert.That(descriptor.Capabilities.MidCircuitMeasurement, Is.False, "mid-circuit measurement is refused by the validator");
            Assert.That(descriptor.Capabilities.GradientMethods.HasFlag(GradientMethods.Adjoint), Is.True);
            Assert.That(descriptor.Capabilities.MaxQubits, Is.InRange(20, 30));
            Assert.That(descriptor.Options.Select(o => o.Name), Is.EquivalentTo(new[] { "device", "precision", "threads" }));
        });
    }

    [Test]
    public void AMissingOpenClLibraryMakesTheBackendUnavailableWithTheReason()
    {
        var factory = new OpenClBackendFactory(["libqml-no-such-opencl.so.1"]);
        var descriptor = factory.Describe();
        Assert.Multiple(() =>
        {
            Assert.That(descriptor.IsAvailable, Is.False);
            Assert.That(descriptor.UnavailableReason, Does.Contain("libqml-no-such-opencl.so.1").And.Contain("ocl-icd-libopencl1"));
            Assert.That(descriptor.Options, Is.Not.Empty, "options are documented even when unavailable");
        });
        var error = Assert.Throws<BackendException>(() => factory.Create(BackendOptions.Default));
        Assert.That(error!.Message, Does.Contain("unavailable").And.Contain("libqml-no-such-opencl.so.1"));
    }

    [Test]
    public void UnknownOptionsAndBadValuesAreRefusedNamingTheValidOnes()
    {
        var factory = new OpenClBackendFactory();
        Assert.Multiple(() =>
        {
            Assert.That(() => factory.Create(BackendOptions.Default.With("devcie", "0")), Throws.InstanceOf<QmlException>().With.Message.Contain("device, precision, threads"));
            Assert.That(() => factory.Create(BackendOptions.Default.With("precision", "half")), Throws.InstanceOf<QmlException>().With.Message.Contain("auto, double, single"));
            Assert.That(() => factory.Create(BackendOptions.Default.With("device", "99")), Throws.InstanceOf<QmlException>().With.Message.Contain("0..").And.Message.Contain("[0]"));
        });
    }

    [Test]
    public async Task ThreadsIsAcceptedAndIgnoredSoQmlBenchRuns()
    {
        using var backend = new OpenClBackendFactory().Create(BackendOptions.Default.With("threads", "2"));
        var circuit = new CircuitBuilder(2).H(0).CX(0, 1).Build();
        var result = await backend.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Observables = [Observable.Parse("Z0 Z1")] });
        Assert.That(result.Expectations![0, 0], Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public async Task DiagnosticsNameTheDeviceAndPrecision()
    {
        var circuit = new CircuitBuilder(1).H(0).Build();
        var result = await TestBackends.Double.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Observables = [Observable.Z(0)] });
        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Details["device"], Is.EqualTo(TestBackends.Double.DeviceName));
            Assert.That(result.Diagnostics.Details["precision"], Is.EqualTo("double"));
            Assert.That(TestBackends.Single.Info.Capabilities.Precision, Is.EqualTo(Precision.Single));
        });
    }
}
