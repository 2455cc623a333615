using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Execution;
using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

[TestFixture]
public sealed class BrokenPluginTests
{
    [Test]
    public void GarbageDllFailsAsNotADotNetAssembly()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddEmptyFolder("Garbage");
        File.WriteAllBytes(Path.Combine(folder, "Garbage.dll"), [0x4D, 0x5A, 0x00, 0x01, 0xDE, 0xAD, 0xBE, 0xEF]);
        directory.AddFixture(Fixtures.Good);

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single(p => p.Path == folder);
        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Failed));
            Assert.That(handle.Error, Does.Contain(folder).And.Contain("Garbage.dll").And.Contain("not a loadable .NET assembly"));
            Assert.That(handle.Exception, Is.InstanceOf<BadImageFormatException>());
            Assert.That(host.Plugins.Single(p => p.Id == "fixture.good").Status, Is.EqualTo(PluginStatus.Loaded));
        });
    }

    [Test]
    public void GarbageDllWithDepsJsonFailsAsNotADotNetAssembly()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddEmptyFolder("Garbage");
        File.WriteAllText(Path.Combine(folder, "Garbage.dll"), "this is not a portable executable");
        File.WriteAllText(Path.Combine(folder, "Garbage.deps.json"), "{}");
        File.WriteAllBytes(Path.Combine(folder, "native.dll"), [1, 2, 3]);

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Failed));
            Assert.That(handle.AssemblyPath, Is.EqualTo(Path.Combine(folder, "Garbage.dll")));
            Assert.That(handle.Error, Does.Contain("not a loadable .NET assembly"));
        });
    }

    [Test]
    public void MissingPrivateDependencyFailsNamingIt()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.SideBySideA);
        File.Delete(Path.Combine(folder, "Fixture.SharedLib.dll"));

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Failed));
            Assert.That(handle.Error, Does.Contain(folder).And.Contain("Fixture.SharedLib"));
            Assert.That(handle.Exception, Is.Not.Null);
            Assert.That(host.Services.GetServices<IBackendFactory>(), Is.Empty);
        });
    }

    [Test]
    public void FolderWithoutAssembliesFailsSayingWhatIsExpected()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddEmptyFolder("Empty");
        File.WriteAllText(Path.Combine(folder, "readme.txt"), "not a plugin");

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Failed));
            Assert.That(handle.Path, Is.EqualTo(folder));
            Assert.That(handle.Error, Does.Contain(folder).And.Contain("no .dll files").And.Contain(".deps.json").And.Contain("[assembly: QmlPlugin"));
        });
    }

    [Test]
    public void AssemblyThatIsNotAPluginFailsSayingWhatAPluginIs()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddEmptyFolder("NotAPlugin");

        // Fixture.SharedLib is a real .NET assembly that references no Qml contract.
        File.Copy(Path.Combine(Fixtures.FolderOf(Fixtures.SideBySideA), "Fixture.SharedLib.dll"), Path.Combine(folder, "Fixture.SharedLib.dll"));

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Failed));
            Assert.That(handle.Error, Does.Contain(folder).And.Contain("does not reference Qml.Abstractions").And.Contain("[assembly: QmlPlugin"));
        });
    }
}
