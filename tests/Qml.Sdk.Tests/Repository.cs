using System.Reflection;

namespace Qml.Sdk.Tests;

/// <summary>Where the build put things; recorded in this assembly by the project file.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("QmlRepoRoot");

    /// <summary>The configuration this test assembly (and so every SDK project it references) was built in.</summary>
    public static string Configuration { get; } = Metadata("QmlConfiguration");

    public static string HostDirectory { get; } = Metadata("QmlHostDirectory");

    public static string HostAssembly => Path.Combine(HostDirectory, "qml.dll");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is empty.");
}
