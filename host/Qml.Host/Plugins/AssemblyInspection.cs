namespace Qml.Host.Plugins;

/// <summary>What a plugin assembly's metadata says, read without loading or running it.</summary>
/// <param name="ReferencedContractVersion">The Qml.Abstractions version it was compiled against, or null if it does not reference it.</param>
/// <param name="HasPluginAttribute">It carries <c>[assembly: QmlPlugin(...)]</c>.</param>
internal sealed record AssemblyInspection(Version? ReferencedContractVersion, bool HasPluginAttribute);
