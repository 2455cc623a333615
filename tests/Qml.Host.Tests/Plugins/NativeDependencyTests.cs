using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

/// <summary>
/// Fixture.Native P/Invokes <c>fixture_native</c> without letting the runtime probe the assembly
/// directory, so it works only if the plugin's load context resolves native libraries from its
/// .deps.json, as it would for a native NuGet asset. The library is a renamed copy of the
/// runtime's System.Native (no C compiler needed), which Windows does not have.
/// </summary>
[TestFixture]
[Platform(Exclude = "Win", Reason = "The stand-in native library is the runtime's System.Native, which exists on Unix only.")]
public sealed class NativeDependencyTests
{
    [Test]
    public void NativeLibraryBesideThePluginResolvesThroughItsLoadContext()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.Native);
        var library = NativeFileName("fixture_native");
        File.Copy(RuntimeSystemNative(), Path.Combine(folder, library));
        DeclareNativeAsset(Path.Combine(folder, "Fixture.Native.deps.json"), library);

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Loaded), handle.Error);
            Assert.That(handle.Description, Is.EqualTo("native pid " + Environment.ProcessId));
        });
    }

    [Test]
    public void MissingNativeLibraryFailsNamingIt()
    {
        using var directory = new TempPluginDirectory();
        var folder = directory.AddFixture(Fixtures.Native);

        using var host = PluginHost.Load(directory.Path);

        var handle = host.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(handle.Status, Is.EqualTo(PluginStatus.Failed));
            Assert.That(handle.Error, Does.Contain(folder).And.Contain("fixture_native"));
            Assert.That(handle.Error, Does.Contain("native library"));
            Assert.That(handle.Exception, Is.InstanceOf<DllNotFoundException>());
        });
    }

    /// <summary>Lists the library as the plugin's own native asset, as the SDK does for a package's runtimes/*/native files.</summary>
    private static void DeclareNativeAsset(string depsJsonPath, string library)
    {
        var deps = JsonNode.Parse(File.ReadAllText(depsJsonPath))!;
        var target = deps["targets"]!.AsObject().Single().Value!.AsObject();
        var plugin = target.Single(entry => entry.Key.StartsWith("Fixture.Native/", StringComparison.Ordinal)).Value!.AsObject();
        plugin["native"] = new JsonObject { [library] = new JsonObject() };
        File.WriteAllText(depsJsonPath, deps.ToJsonString());
    }

    private static string RuntimeSystemNative()
    {
        var path = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), NativeFileName("System.Native"));
        Assert.That(path, Does.Exist, "the runtime's System.Native stands in for a plugin's native library");
        return path;
    }

    private static string NativeFileName(string name) =>
        OperatingSystem.IsMacOS() ? $"lib{name}.dylib" : $"lib{name}.so";
}
