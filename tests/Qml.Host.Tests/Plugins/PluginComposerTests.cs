using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;
using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

/// <summary>What a module registers must be constructible from the host's services and its own.</summary>
[TestFixture]
public sealed class PluginComposerTests
{
    [Test]
    public void ServiceDependingOnAHostServiceIsAccepted()
    {
        ServiceDescriptor[] hostServices = [ServiceDescriptor.Singleton(new HostDependency())];

        var composition = PluginComposer.Compose(Activation(new RegisteringModule()), hostServices);

        Assert.Multiple(() =>
        {
            Assert.That(composition.Handle.Status, Is.EqualTo(PluginStatus.Loaded), composition.Handle.Error);
            Assert.That(composition.Handle.Kinds, Is.EqualTo(new[] { nameof(PluginService) }));
            Assert.That(composition.Registrations, Has.Exactly(1).Items);
        });
    }

    [Test]
    public void ServiceWithAnUnresolvableDependencyFailsThePluginNotTheHost()
    {
        var composition = PluginComposer.Compose(Activation(new RegisteringModule()), []);

        Assert.Multiple(() =>
        {
            Assert.That(composition.Handle.Status, Is.EqualTo(PluginStatus.Failed));
            Assert.That(composition.Handle.Error, Does.Contain("/plugins/composer").And.Contain("cannot be constructed").And.Contain(nameof(HostDependency)));
            Assert.That(composition.Registrations, Is.Empty);
        });
    }

    private static PluginActivation Activation(IQmlPluginModule module) =>
        new(new PluginHandle("/plugins/composer", "composer", new Version(1, 0), "test", ContractVersion.Major, PluginStatus.Loaded, null, []), module);

    private sealed class HostDependency;

    private sealed class PluginService(HostDependency dependency)
    {
        public HostDependency Dependency { get; } = dependency;
    }

    private sealed class RegisteringModule : IQmlPluginModule
    {
        public PluginManifest Manifest { get; } = new("composer", new Version(1, 0), "test");

        public void ConfigureServices(IServiceCollection services) => services.AddSingleton<PluginService>();
    }
}
