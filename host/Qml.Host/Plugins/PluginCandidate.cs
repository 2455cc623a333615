namespace Qml.Host.Plugins;

/// <summary>One plugin folder and its main assembly, or why none could be chosen.</summary>
internal sealed record PluginCandidate(string Directory, string? AssemblyPath, string? Error);
