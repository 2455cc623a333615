using System.Runtime.Loader;

namespace Qml.Host.Plugins;

/// <summary>
/// One discovered plugin folder and what became of it. Every folder gets a handle, so a plugin
/// that failed stays visible (<c>qml plugins</c>) instead of silently missing.
/// </summary>
/// <param name="Path">The plugin's folder (full path).</param>
/// <param name="Id">The manifest id, once the module could be created.</param>
/// <param name="Version">The manifest version.</param>
/// <param name="Description">The manifest description.</param>
/// <param name="ContractMajor">The contract major the plugin was built against (from its Qml.Abstractions reference, then its manifest).</param>
/// <param name="Status">Loaded, or why not.</param>
/// <param name="Error">For any status but <see cref="PluginStatus.Loaded"/>: names the path, the reason and what would be valid.</param>
/// <param name="Kinds">What it registered: <c>backend</c>, <c>model</c>, <c>dataset</c>, or another service type's name.</param>
public sealed record PluginHandle(
    string Path,
    string? Id,
    Version? Version,
    string? Description,
    int? ContractMajor,
    PluginStatus Status,
    string? Error,
    IReadOnlyList<string> Kinds)
{
    /// <summary>The exception behind <see cref="Error"/>, when there was one.</summary>
    public Exception? Exception { get; init; }

    /// <summary>The plugin's main assembly, when one was found in the folder.</summary>
    public string? AssemblyPath { get; init; }

    /// <summary>The plugin's own load context, once its assembly was loaded.</summary>
    public AssemblyLoadContext? LoadContext { get; init; }

    /// <summary>The Qml.Abstractions version the plugin assembly was compiled against, read from its metadata.</summary>
    public Version? ReferencedContract { get; init; }

    /// <summary>What its <c>ConfigureServices</c> registered (empty unless Loaded).</summary>
    public IReadOnlyList<PluginService> Services { get; init; } = [];
}
