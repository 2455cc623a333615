namespace Qml.Abstractions.Plugins;

/// <summary>Who a plugin is and which contract major it was built against.</summary>
/// <param name="Id">Stable identifier, e.g. <c>qml.backends.cpu</c>; the host keeps the higher version when two plugins share it.</param>
/// <param name="Version">The plugin's own version.</param>
/// <param name="Description">One line for <c>qml plugins</c>.</param>
/// <param name="ContractMajor">Contract major it was compiled against; leave the default.</param>
public sealed record PluginManifest(string Id, Version Version, string Description, int ContractMajor = ContractVersion.Major);
