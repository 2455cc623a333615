using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;
using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

[TestFixture]
public sealed class PluginModuleRulesTests
{
    [Test]
    public void ConcreteModuleWithPublicParameterlessConstructorIsAccepted() =>
        Assert.That(PluginModuleRules.Problem(typeof(ValidModule)), Is.Null);

    [Test]
    public void TypeThatIsNotAModuleIsRefused() =>
        Assert.That(PluginModuleRules.Problem(typeof(string)), Does.Contain("does not implement").And.Contain(nameof(IQmlPluginModule)));

    [Test]
    public void AbstractModuleIsRefused() =>
        Assert.That(PluginModuleRules.Problem(typeof(AbstractModule)), Does.Contain("concrete class"));

    [Test]
    public void ModuleWithoutParameterlessConstructorIsRefused() =>
        Assert.That(PluginModuleRules.Problem(typeof(ModuleNeedingArguments)), Does.Contain("no public parameterless constructor"));

    private sealed class ValidModule : IQmlPluginModule
    {
        public PluginManifest Manifest { get; } = new("valid", new Version(1, 0), "valid");

        public void ConfigureServices(IServiceCollection services)
        {
        }
    }

    private abstract class AbstractModule : IQmlPluginModule
    {
        public abstract PluginManifest Manifest { get; }

        public void ConfigureServices(IServiceCollection services)
        {
        }
    }

    private sealed class ModuleNeedingArguments(string id) : IQmlPluginModule
    {
        public PluginManifest Manifest { get; } = new(id, new Version(1, 0), id);

        public void ConfigureServices(IServiceCollection services)
        {
        }
    }
}
