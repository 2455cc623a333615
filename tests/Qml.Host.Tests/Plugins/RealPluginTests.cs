using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

/// <summary>Loads the real plugins the host build puts in its plugins/ folder (the test project builds the host).</summary>
[TestFixture]
public sealed class RealPluginTests
{
    [Test]
    public void CpuBackendPluginLoads()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFolder(Fixtures.HostPluginFolderOf("Qml.Backends.Cpu"), "Qml.Backends.Cpu");

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Loaded), handle.Error);
            Assert.That(handle.Id, Is.EqualTo("qml.backends.cpu"));
            Assert.That(handle.AssemblyPath, Is.EqualTo(Path.Combine(folder, "Qml.Backends.Cpu.dll")));
        });
    }
}
