using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Plugins;
using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

[TestFixture]
public sealed class PluginHostTests
{
    [Test]
    public void GoodPluginLoadsAndItsFactoryResolvesAsTheHostsInterface()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.Good);

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Loaded), handle.Error);
            Assert.That(handle.Error, Is.Null);
            Assert.That(handle.Path, Is.EqualTo(folder));
            Assert.That(handle.AssemblyPath, Is.EqualTo(Path.Combine(folder, "Fixture.Good.dll")));
            Assert.That(handle.Id, Is.EqualTo("fixture.good"));
            Assert.That(handle.Version, Is.EqualTo(new Version(1, 0, 0, 0)));
            Assert.That(handle.ContractMajor, Is.EqualTo(ContractVersion.Major));
            Assert.That(handle.Kinds, Is.EqualTo(new[] { "backend", "command" }));
        });

        var factory = host.Services.GetServices<IBackendFactory>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(factory.Name, Is.EqualTo("fixture-good"));
            Assert.That(factory.GetType().GetInterfaces(), Does.Contain(typeof(IBackendFactory)), "the plugin's interface is the host's type");
            Assert.That(factory.GetType().Assembly, Is.SameAs(handle.LoadContext!.Assemblies.Single(a => a.GetName().Name == "Fixture.Good")));
            Assert.That(handle.LoadContext!.Assemblies.Select(a => a.GetName().Name), Does.Not.Contain("Qml.Abstractions"), "shared assemblies come from the host");
            Assert.That(() => factory.Create(BackendOptions.Default), Throws.InstanceOf<QmlException>());
        });
    }

    [Test]
    public void ThrowingPluginFailsWithItsPathAndMessageWhileTheOthersLoad()
    {
        using var directory = new TempPluginDirectory();
        directory.AddFixture(Fixtures.Good);
        var throwing = directory.AddFixture(Fixtures.Throws);

        using var host = PluginHost.Load(directory.Path);

        var failed = host.Plugins.Single(p => p.Path == throwing);
        Assert.Multiple(() =>
        {
            Assert.That(failed.Status, Is.EqualTo(PluginStatus.Failed));
            Assert.That(failed.Error, Does.Contain(throwing).And.Contain("fixture failure").And.Contain("ConfigureServices"));
            Assert.That(failed.Exception, Is.InstanceOf<InvalidOperationException>());
            Assert.That(failed.Id, Is.EqualTo("fixture.throws"));
            Assert.That(failed.Kinds, Is.Empty);
            Assert.That(host.Plugins.Single(p => p.Id == "fixture.good").Status, Is.EqualTo(PluginStatus.Loaded));
            Assert.That(host.Services.GetServices<IBackendFactory>().Select(f => f.Name), Is.EqualTo(new[] { "fixture-good" }),
                "the factory it registered before throwing is not kept");
        });
    }

    [Test]
    public void HostRegistrationsAreAvailableBesidePluginServices()
    {
        using var directory = new TempPluginDirectory();
        directory.AddFixture(Fixtures.Good);
        var marker = new HostMarker();

        using var host = PluginHost.Load(directory.Path, services => services.AddSingleton(marker));

        Assert.Multiple(() =>
        {
            Assert.That(host.Services.GetRequiredService<HostMarker>(), Is.SameAs(marker));
            Assert.That(host.Services.GetServices<IBackendFactory>(), Has.Exactly(1).Items);
        });
    }

    [Test]
    public void PluginsAreReportedInFolderNameOrder()
    {
        using var directory = new TempPluginDirectory();
        directory.AddFixture(Fixtures.Throws);
        directory.AddFixture(Fixtures.Good);
        directory.AddFixture(Fixtures.SideBySideA);

        using var host = PluginHost.Load(directory.Path);

        Assert.That(host.Plugins.Select(p => Path.GetFileName(p.Path)),
            Is.EqualTo(new[] { Fixtures.Good, Fixtures.SideBySideA, Fixtures.Throws }));
    }

    private sealed class HostMarker;
}
