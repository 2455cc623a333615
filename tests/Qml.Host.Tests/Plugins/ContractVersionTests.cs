using Qml.Abstractions.Execution;
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
                .And.Contain("built against contract 2.x")
                .And.Contain($"this host provides {ContractVersion.Major}.x")
                .And.Contain($"rebuild the plugin against Qml.Abstractions {ContractVersion.Major}.x"));
            Assert.That(handle.LoadContext, Is.Null, "refused from its metadata, before any of its code was loaded");
            Assert.That(host.Services.GetServices<IBackendFactory>().Select(f => f.Name), Is.EqualTo(new[] { "fixture-good" }));
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

        Assert.That(message, Does.Contain("/plugins/x").And.Contain($"contract {ContractVersion.Major}.3").And.Contain($"this host provides {ContractVersion.Major}.1"));
    }

    [Test]
    public void ManifestDeclaringAnotherMajorIsRefused()
    {
        var message = ContractCompatibility.CheckManifest("/plugins/x", ContractVersion.Major + 1);

        Assert.That(message, Does.Contain("/plugins/x").And.Contain($"declares contract {ContractVersion.Major + 1}.x").And.Contain("ContractMajor"));
    }
}
