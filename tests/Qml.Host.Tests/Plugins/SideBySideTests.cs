using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Execution;
using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

[TestFixture]
public sealed class SideBySideTests
{
    [Test]
    public void TwoPluginsSeeTheirOwnVersionOfOnePrivateDependency()
    {
        using var directory = new TempPluginDirectory();
        directory.AddFixture(Fixtures.SideBySideA);
        directory.AddFixture(Fixtures.SideBySideB);

        using var host = PluginHost.Load(directory.Path);

        var a = host.Plugins.Single(p => p.Id == "fixture.sidebyside.a");
        var b = host.Plugins.Single(p => p.Id == "fixture.sidebyside.b");
        var factories = host.Services.GetServices<IBackendFactory>().ToDictionary(f => f.Name);
        Assert.Multiple(() =>
        {
            Assert.That(a.Status, Is.EqualTo(PluginStatus.Loaded), a.Error);
            Assert.That(b.Status, Is.EqualTo(PluginStatus.Loaded), b.Error);
            Assert.That(a.Description, Is.EqualTo("uses Fixture.SharedLib 1.0.0.0"));
            Assert.That(b.Description, Is.EqualTo("uses Fixture.SharedLib 2.0.0.0"));
            Assert.That(factories["fixture-sidebyside-a"].Describe().Description, Is.EqualTo("uses Fixture.SharedLib 1.0.0.0"));
            Assert.That(factories["fixture-sidebyside-b"].Describe().Description, Is.EqualTo("uses Fixture.SharedLib 2.0.0.0"));
            Assert.That(a.LoadContext, Is.Not.Null.And.Not.SameAs(b.LoadContext));
            Assert.That(AssemblyLoadContext.GetLoadContext(factories["fixture-sidebyside-a"].GetType().Assembly), Is.SameAs(a.LoadContext));
            Assert.That(AssemblyLoadContext.GetLoadContext(factories["fixture-sidebyside-b"].GetType().Assembly), Is.SameAs(b.LoadContext));
            Assert.That(SharedLibVersionIn(a.LoadContext!), Is.EqualTo(new Version(1, 0, 0, 0)));
            Assert.That(SharedLibVersionIn(b.LoadContext!), Is.EqualTo(new Version(2, 0, 0, 0)));
        });
    }

    private static Version? SharedLibVersionIn(AssemblyLoadContext context) =>
        context.Assemblies.Single(assembly => assembly.GetName().Name == "Fixture.SharedLib").GetName().Version;
}
