using Qml.Abstractions.Plugins;

namespace Qml.Host.Plugins;

/// <summary>
/// The version rules: a plugin must be built against this host's contract major, and not
/// against a newer minor than the host provides (the runtime could not bind it, and it may use
/// members this host lacks). Each check returns null when compatible, else the message.
/// </summary>
internal static class ContractCompatibility
{
    /// <summary>Checks the Qml.Abstractions version the plugin assembly references, before it is loaded.</summary>
    public static string? CheckReference(string pluginPath, Version referenced, Version provided)
    {
        if (referenced.Major != ContractVersion.Major)
        {
            return $"Plugin '{pluginPath}' was built against contract {referenced.Major}.x (Qml.Abstractions {referenced}); " +
                   $"this host provides contract {provided.Major}.{provided.Minor} (Qml.Abstractions {provided}), and only plugins built " +
                   $"against {ContractVersion.Major}.x load — rebuild the plugin against Qml.Abstractions {ContractVersion.Major}.x.";
        }

        if (referenced.Minor > provided.Minor)
        {
            return $"Plugin '{pluginPath}' was built against contract {referenced.Major}.{referenced.Minor} (Qml.Abstractions {referenced}); " +
                   $"this host provides contract {provided.Major}.{provided.Minor} (Qml.Abstractions {provided}) — use a newer host, or rebuild the plugin against " +
                   $"Qml.Abstractions {provided.Major}.{provided.Minor}.";
        }

        return null;
    }

    /// <summary>Checks the contract major the module's manifest declares.</summary>
    public static string? CheckManifest(string pluginPath, int manifestMajor) =>
        manifestMajor == ContractVersion.Major
            ? null
            : $"Plugin '{pluginPath}' declares contract {manifestMajor}.x in its manifest; this host provides contract {ContractVersion.Current} " +
              $"and loads only {ContractVersion.Major}.x plugins — " +
              $"rebuild the plugin against Qml.Abstractions {ContractVersion.Major}.x and leave PluginManifest.ContractMajor at its default.";
}
