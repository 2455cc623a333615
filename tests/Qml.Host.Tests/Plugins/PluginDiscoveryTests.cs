using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Execution;
using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

[TestFixture]
public sealed class PluginDiscoveryTests
{
    [Test]
    public void FolderDroppedIntoThePluginDirectoryAppearsOnTheNextLoad()
    {
        using var directory = new TempPluginDirectory();
        directory.AddFixture(Fixtures.Good);
        using (var before = PluginHost.Load(directory.Path))
        {
            Assert.That(before.Plugins.Select(p => p.Id), Is.EqualTo(new[] { "fixture.good" }));
        }

        directory.AddFixture(Fixtures.SideBySideB);
        using var after = PluginHost.Load(directory.Path);

        Assert.Multiple(() =>
        {
            Assert.That(after.Plugins.Select(p => p.Id), Is.EqualTo(new[] { "fixture.good", "fixture.sidebyside.b" }));
            Assert.That(after.Plugins.Select(p => p.Status), Is.All.EqualTo(PluginStatus.Loaded));
            Assert.That(after.Services.GetServices<IBackendFactory>().Select(f => f.Name),
                Is.EquivalentTo(new[] { "fixture-good", "fixture-sidebyside-b" }));
        });
    }

    [Test]
    public void MainAssemblyIsTheOneWithADepsJsonNamedLikeTheFolder()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.SideBySideA);

        // A second assembly with its own .deps.json: the folder's name decides.
        File.WriteAllText(Path.Combine(folder, "Fixture.SharedLib.deps.json"), "{}");

        var candidate = PluginScanner.FindMainAssembly(folder);

        Assert.That(candidate.AssemblyPath, Is.EqualTo(Path.Combine(folder, "Fixture.SideBySide.A.dll")));
    }

    [Test]
    public void WithoutDepsJsonTheAssemblyMarkedQmlPluginIsTheMainOne()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.SideBySideA, "renamed");
        File.Delete(Path.Combine(folder, "Fixture.SideBySide.A.deps.json"));

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(handle.AssemblyPath, Is.EqualTo(Path.Combine(folder, "Fixture.SideBySide.A.dll")));
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Loaded), handle.Error);
            Assert.That(handle.Description, Is.EqualTo("uses Fixture.SharedLib 1.0.0.0"), "without a .deps.json, assemblies beside it still resolve");
        });
    }
}
