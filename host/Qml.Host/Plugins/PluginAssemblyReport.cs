using System.Reflection;
using System.Runtime.Loader;

namespace Qml.Host.Plugins;

/// <summary>Where one assembly of a plugin came from.</summary>
/// <param name="Name">Simple assembly name.</param>
/// <param name="Version">The version that was loaded (the host's, for shared ones), or null when not loaded.</param>
/// <param name="Source">
/// <c>plugin</c> (its own load context, from its folder), <c>host</c> (shared contract, the host's copy),
/// <c>framework</c> (.NET itself), <c>missing</c> (asked for, found nowhere) or <c>folder</c> (a file in the
/// plugin folder that was not loaded).
/// </param>
/// <param name="Path">The file it was loaded from, or the file in the plugin folder.</param>
/// <param name="Note">What else matters: the version the plugin was compiled against, why a file was ignored.</param>
public sealed record PluginAssembly(string Name, string? Version, string Source, string? Path, string? Note);

/// <summary>
/// Lists, for one plugin, the assemblies its load context loaded, the shared ones the host
/// answered with, what fell back to the framework, and the files of its folder nothing loaded.
/// Only what was loaded so far in this process appears as loaded: assemblies load on first use.
/// </summary>
internal static class PluginAssemblyReport
{
    public const string FromPlugin = "plugin";
    public const string FromHost = "host";
    public const string FromFramework = "framework";
    public const string Missing = "missing";
    public const string InFolder = "folder";

    public static IReadOnlyList<PluginAssembly> Describe(PluginHandle handle)
    {
        var entries = new List<PluginAssembly>();
        if (handle.LoadContext is PluginLoadContext context)
        {
            foreach (var assembly in context.Assemblies.OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
            {
                entries.Add(new PluginAssembly(assembly.GetName().Name!, assembly.GetName().Version?.ToString(), FromPlugin,
                    NullIfEmpty(assembly.Location), InformationalVersion(assembly)));
            }

            foreach (var requested in context.SharedRequests.OrderBy(n => n.Name, StringComparer.Ordinal))
            {
                var provided = Loaded(context.HostContext, requested.Name!) ?? Loaded(AssemblyLoadContext.Default, requested.Name!);
                entries.Add(new PluginAssembly(requested.Name!, provided?.GetName().Version?.ToString(), FromHost,
                    NullIfEmpty(provided?.Location), $"compiled against {requested.Version}"));
            }

            foreach (var requested in context.FallbackRequests.OrderBy(n => n.Name, StringComparer.Ordinal))
            {
                var provided = Loaded(AssemblyLoadContext.Default, requested.Name!);
                entries.Add(provided is null
                    ? new PluginAssembly(requested.Name!, null, Missing, null,
                        $"asked for {requested.Version}; not in the plugin's .deps.json, not shared by the host, not part of .NET")
                    : new PluginAssembly(requested.Name!, provided.GetName().Version?.ToString(), FromFramework, NullIfEmpty(provided.Location), null));
            }
        }

        var listed = entries.Select(e => e.Path).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var file in FolderAssemblies(handle.Path).Where(f => !listed.Contains(f)))
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(file);
            var note = SharedAssemblies.IsShared(new AssemblyName(name))
                ? "ignored: the host shares its own copy; leave it out of the plugin (ExcludeAssets=\"runtime\")"
                : handle.LoadContext is null ? "not loaded: the plugin was not loaded" : "not loaded (yet): nothing used it";
            entries.Add(new PluginAssembly(name, null, InFolder, file, note));
        }

        return entries;
    }

    private static Assembly? Loaded(AssemblyLoadContext context, string name) =>
        context.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The product version when it says more than the assembly version (Newtonsoft.Json 13.0.3 is assembly 13.0.0.0).</summary>
    private static string? InformationalVersion(Assembly assembly)
    {
        var product = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        var version = assembly.GetName().Version;
        return product is null || version is null || product == version.ToString() || product == version.ToString(3)
            ? null
            : $"product version {product}";
    }

    private static IEnumerable<string> FolderAssemblies(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
