using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Abstractions.Plugins;
using Qml.Host.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Qml.Host.Tests.Plugins;

[TestFixture]
public sealed class ContractVersionTests
{
    [Test]
    public void PluginBuiltAgainstContractV2IsIncompatibleAndSaysHowToFixIt()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.ContractV2);
        directory.AddFixture(Fixtures.Good);

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single(p => p.Path == folder);
        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Incompatible));
            Assert.That(handle.ContractMajor, Is.EqualTo(2));
            Assert.That(handle.Error, Does.Contain(folder)
                .And.Contain("built against contract 2.x (Qml.Abstractions 2.0.0.0)")
                .And.Contain($"this host provides contract {ContractVersion.Current} (Qml.Abstractions {HostContractAssemblyVersion})")
                .And.Contain($"rebuild the plugin against Qml.Abstractions {ContractVersion.Major}.x"));
            Assert.That(handle.LoadContext, Is.Null, "refused from its metadata, before any of its code was loaded");
            Assert.That(host.Services.GetServices<IBackendFactory>().Select(f => f.Name), Is.EqualTo(new[] { "fixture-good" }));
        });
    }

    [Test]
    public void PluginBuiltAgainstTheOlderMinor1_0LoadsAndRunsInThisHost()
    {
        Assert.That(ContractVersion.Minor, Is.GreaterThan(0), "this host must be newer than 1.0 for the test to mean anything");
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.ContractV1_0);

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single(p => p.Path == folder);
        Assert.That(handle.Status, Is.EqualTo(PluginStatus.Loaded), handle.Error);
        var plugin = handle.LoadContext!.Assemblies.Single(a => a.GetName().Name == Fixtures.ContractV1_0);
        var referenced = plugin.GetReferencedAssemblies().Single(a => a.Name == "Qml.Abstractions").Version;
        var factory = host.Services.GetServices<IBackendFactory>().Single(f => f.Name == "fixture-v1-0");
        using var backend = factory.Create(BackendOptions.Default);
        var result = backend.ExecuteAsync(new ExecutionRequest
        {
            Circuit = new CircuitBuilder(1).Build(),
            Observables = [Observable.Z(0)],
        }).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(referenced, Is.EqualTo(new Version(1, 0, 0, 0)), "the fixture is compiled against Qml.Abstractions 1.0");
            Assert.That(handle.Description, Is.EqualTo("built against contract 1.0"));
            Assert.That(handle.ContractMajor, Is.EqualTo(1));
            Assert.That(factory.GetType().Assembly, Is.SameAs(plugin));
            Assert.That(result.Expectations![0, 0], Is.EqualTo(1.0), "1.0 code runs against the host's 1.1 types");
        });
    }

    [Test]
    public void SameMajorAndNoNewerMinorIsCompatible()
    {
        var provided = new Version(ContractVersion.Major, 2, 0, 0);

        Assert.Multiple(() =>
        {
            Assert.That(ContractCompatibility.CheckReference("p", new Version(ContractVersion.Major, 0, 0, 0), provided), Is.Null);
            Assert.That(ContractCompatibility.CheckReference("p", new Version(ContractVersion.Major, 2, 0, 0), provided), Is.Null);
            Assert.That(ContractCompatibility.CheckManifest("p", ContractVersion.Major), Is.Null);
        });
    }

    [Test]
    public void NewerMinorThanTheHostProvidesIsRefused()
    {
        var message = ContractCompatibility.CheckReference(
            "/plugins/x", new Version(ContractVersion.Major, 3, 0, 0), new Version(ContractVersion.Major, 1, 0, 0));

        Assert.That(message, Does.Contain("/plugins/x").And.Contain($"contract {ContractVersion.Major}.3").And.Contain($"this host provides contract {ContractVersion.Major}.1"));
    }

    private static Version HostContractAssemblyVersion => typeof(IQmlPluginModule).Assembly.GetName().Version!;

    [Test]
    public void ManifestDeclaringAnotherMajorIsRefused()
    {
        var message = ContractCompatibility.CheckManifest("/plugins/x", ContractVersion.Major + 1);

        Assert.That(message, Does.Contain("/plugins/x").And.Contain($"declares contract {ContractVersion.Major + 1}.x").And.Contain("ContractMajor"));
    }
}
