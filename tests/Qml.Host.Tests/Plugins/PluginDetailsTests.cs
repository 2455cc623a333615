using Qml.Abstractions.Plugins;
using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

/// <summary>What <c>qml plugins --verbose</c> reports: each assembly's origin, registrations, and why a plugin failed.</summary>
[TestFixture]
public sealed class PluginDetailsTests
{
    private static readonly string HostContractPath = typeof(IQmlPluginModule).Assembly.Location;

    [Test]
    public void EachSideBySidePluginListsItsOwnPrivateLibraryAndTheHostsSharedContract()
    {
        using var directory = new TempPluginDirectory();
        var folderA = directory.AddFixture(Fixtures.SideBySideA);
        var folderB = directory.AddFixture(Fixtures.SideBySideB);
        using var host = PluginHost.Load(directory.Path);

        var a = PluginDetails.Of(host.Plugins.Single(p => p.Path == folderA), host.Services);
        var b = PluginDetails.Of(host.Plugins.Single(p => p.Path == folderB), host.Services);

        Assert.Multiple(() =>
        {
            Assert.That(a.Assemblies, Has.One.EqualTo(new PluginAssembly("Fixture.SharedLib", "1.0.0.0", "plugin", Path.Combine(folderA, "Fixture.SharedLib.dll"), null)));
            Assert.That(b.Assemblies, Has.One.EqualTo(new PluginAssembly("Fixture.SharedLib", "2.0.0.0", "plugin", Path.Combine(folderB, "Fixture.SharedLib.dll"), null)));
            Assert.That(a.Assemblies.Single(x => x.Name == "Qml.Abstractions"), Is.EqualTo(new PluginAssembly(
                "Qml.Abstractions", SharedAssemblies.ContractAssemblyVersion.ToString(), "host", HostContractPath,
                $"compiled against {SharedAssemblies.ContractAssemblyVersion}")));
            Assert.That(a.Assemblies.Where(x => x.Source == "plugin").Select(x => x.Path), Has.All.StartWith(folderA));
            Assert.That(a.Services, Is.EqualTo(new[] { new PluginServiceDetails("backend", "fixture-sidebyside-a", "Fixture.SideBySide.SideBySideBackendFactory") }));
            Assert.That(a.ReferencedContract, Is.EqualTo(SharedAssemblies.ContractAssemblyVersion.ToString()));
            Assert.That(a.ExceptionChain, Is.Empty);
            Assert.That(a.MissingDependency, Is.Null);
        });
    }

    [Test]
    public void AMissingPrivateDependencyIsNamedWithTheExceptionChain()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.SideBySideA);
        File.Delete(Path.Combine(folder, "Fixture.SharedLib.dll"));
        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        var details = PluginDetails.Of(handle, host.Services);

        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Failed));
            Assert.That(details.MissingDependency, Does.StartWith("Fixture.SharedLib, Version=1.0.0.0"));
            Assert.That(details.ExceptionChain[0], Does.StartWith("System.IO.FileNotFoundException: ").And.Contain("Fixture.SharedLib"));
            Assert.That(details.Assemblies.Single(x => x.Name == "Fixture.SharedLib").Source, Is.EqualTo("missing"));
            Assert.That(details.Services, Is.Empty);
        });
    }

    [Test]
    public void AnIncompatiblePluginShowsBothContractVersionsAndNothingLoaded()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.ContractV2);
        using var host = PluginHost.Load(directory.Path);

        var details = PluginDetails.Of(host.Plugins.Single(), host.Services);

        Assert.Multiple(() =>
        {
            Assert.That(details.ReferencedContract, Is.EqualTo("2.0.0.0"));
            Assert.That(details.HostContractAssembly, Is.EqualTo(SharedAssemblies.ContractAssemblyVersion.ToString()));
            Assert.That(details.HostContract, Is.EqualTo(ContractVersion.Current.ToString()));
            Assert.That(details.Assemblies.Select(x => x.Source), Has.All.EqualTo("folder"));
            Assert.That(details.Assemblies.Select(x => x.Path), Does.Contain(Path.Combine(folder, "Fixture.ContractV2.dll")));
        });
    }

    [Test]
    public void ACopyOfASharedAssemblyInThePluginFolderIsReportedAsIgnored()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.Good);
        File.Copy(HostContractPath, Path.Combine(folder, "Qml.Abstractions.dll"));
        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        var details = PluginDetails.Of(handle, host.Services);

        Assert.That(handle.Status, Is.EqualTo(PluginStatus.Loaded), handle.Error);
        var copy = details.Assemblies.Single(x => x.Path == Path.Combine(folder, "Qml.Abstractions.dll"));
        Assert.That(copy.Source, Is.EqualTo("folder"));
        Assert.That(copy.Note, Does.Contain("ignored: the host shares its own copy"));
        Assert.That(details.Services.Select(s => (s.Kind, s.Name)), Is.EquivalentTo(new[] { ("backend", "fixture-good"), ("command", (string?)"fixture-echo") }));
    }
}
