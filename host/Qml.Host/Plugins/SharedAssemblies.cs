using System.Reflection;
using Qml.Abstractions.Plugins;

namespace Qml.Host.Plugins;

/// <summary>
/// The assemblies the host shares with every plugin, so a plugin's <c>IBackendFactory</c> is the
/// host's <c>IBackendFactory</c>. Everything else a plugin uses lives in its own load context.
/// </summary>
internal static class SharedAssemblies
{
    /// <summary>The contract assembly whose version decides compatibility.</summary>
    public static string ContractAssemblyName { get; } = typeof(IQmlPluginModule).Assembly.GetName().Name!;

    /// <summary>The contract version this host provides (its loaded Qml.Abstractions).</summary>
    public static Version ContractAssemblyVersion { get; } = typeof(IQmlPluginModule).Assembly.GetName().Version!;

    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ContractAssemblyName,
        "Qml.Qasm",
        "Qml.Learning",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
    };

    public static bool IsShared(AssemblyName name) => name.Name is { } simpleName && Names.Contains(simpleName);
}
