using System.Reflection;

namespace Qml.Host.Tests.Plugins;

/// <summary>
/// Where the build put the fixture plugins (tests/fixtures, copied by Directory.Build.targets)
/// and the host's real plugins; both paths are recorded in this assembly by the test project.
/// </summary>
internal static class Fixtures
{
    public const string Good = "Fixture.Good";
    public const string GoodV2 = "Fixture.Good.V2";
    public const string Throws = "Fixture.Throws";
    public const string ContractV2 = "Fixture.ContractV2";
    public const string ContractV1_0 = "Fixture.ContractV1_0";
    public const string SideBySideA = "Fixture.SideBySide.A";
    public const string SideBySideB = "Fixture.SideBySide.B";
    public const string Native = "Fixture.Native";

    public static string FixturesRoot { get; } = Metadata("QmlTestFixturesRoot");

    public static string HostPluginsRoot { get; } = Metadata("QmlHostPluginsRoot");

    /// <summary>A fixture's built output folder; fails (never skips) when the build did not produce it.</summary>
    public static string FolderOf(string fixture) => RequireFolder(Path.Combine(FixturesRoot, fixture),
        $"fixture '{fixture}' was not built; `dotnet build tests/Qml.Host.Tests` builds tests/fixtures/{fixture}");

    /// <summary>A real plugin's folder in the host's output; the test project builds the host, which builds its plugins.</summary>
    public static string HostPluginFolderOf(string plugin) => RequireFolder(Path.Combine(HostPluginsRoot, plugin),
        $"plugin '{plugin}' is missing from the host's output; building host/Qml.Host builds it");

    private static string RequireFolder(string path, string why)
    {
        if (!Directory.Exists(path))
        {
            Assert.Fail($"'{path}' does not exist: {why}.");
        }

        return path;
    }

    private static string Metadata(string key) =>
        typeof(Fixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is empty.");
}
