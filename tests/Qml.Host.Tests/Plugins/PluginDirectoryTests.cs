using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

[TestFixture]
public sealed class PluginDirectoryTests
{
    private static readonly string Base = Path.Combine(Path.GetTempPath(), "qml-app");

    [Test]
    public void CommandLineOptionWinsOverEnvironmentAndDefault()
    {
        var option = Path.Combine(Path.GetTempPath(), "from-option");

        Assert.That(PluginDirectory.Resolve(option, Path.Combine(Path.GetTempPath(), "from-env"), Base), Is.EqualTo(option));
    }

    [Test]
    public void EnvironmentWinsOverDefault()
    {
        var environment = Path.Combine(Path.GetTempPath(), "from-env");

        Assert.That(PluginDirectory.Resolve(null, environment, Base), Is.EqualTo(environment));
    }

    [TestCase(null, null)]
    [TestCase("", "  ")]
    public void DefaultIsPluginsBesideTheExecutable(string? option, string? environment)
    {
        Assert.That(PluginDirectory.Resolve(option, environment, Base), Is.EqualTo(Path.Combine(Base, "plugins")));
    }

    [Test]
    public void RelativePathsAreTakenFromTheCurrentDirectory()
    {
        Assert.That(PluginDirectory.Resolve("my-plugins", null, Base), Is.EqualTo(Path.GetFullPath("my-plugins")));
    }

    [Test]
    public void MissingDirectoryYieldsNoPlugins()
    {
        var missing = Path.Combine(Path.GetTempPath(), "qml-host-tests", "missing-" + Guid.NewGuid().ToString("N"));

        using var host = PluginHost.Load(missing);

        Assert.Multiple(() =>
        {
            Assert.That(host.Plugins, Is.Empty);
            Assert.That(host.PluginDirectory, Is.EqualTo(missing));
            Assert.That(host.Services, Is.Not.Null);
        });
    }

    [Test]
    public void EmptyDirectoryYieldsNoPlugins()
    {
        using var directory = new TempPluginDirectory();

        using var host = PluginHost.Load(directory.Path);

        Assert.That(host.Plugins, Is.Empty);
    }
}
