namespace Qml.Host.Plugins;

/// <summary>
/// Finds plugins: each immediate subfolder of the plugin directory is one plugin, whose main
/// assembly is the <c>&lt;Name&gt;.dll</c> with a <c>&lt;Name&gt;.deps.json</c> beside it (a
/// plugin project's build output), or else the single .dll marked <c>[assembly: QmlPlugin]</c>.
/// </summary>
internal static class PluginScanner
{
    /// <summary>Folders in ordinal name order, so loading (and tie-breaking) is deterministic. A missing directory has no plugins.</summary>
    /// <exception cref="IOException">The directory exists but cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory exists but cannot be listed.</exception>
    public static IReadOnlyList<PluginCandidate> Scan(string pluginDirectory)
    {
        if (!Directory.Exists(pluginDirectory))
        {
            return [];
        }

        return Directory.GetDirectories(pluginDirectory)
            .Order(StringComparer.Ordinal)
            .Select(FindMainAssembly)
            .ToList();
    }

    internal static PluginCandidate FindMainAssembly(string folder)
    {
        string[] assemblies;
        try
        {
            assemblies = Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PluginCandidate(folder, null, $"Plugin folder '{folder}' cannot be read: {e.Message}");
        }

        var withDeps = assemblies.Where(HasDepsJson).ToArray();
        if (withDeps.Length == 1)
        {
            return new PluginCandidate(folder, withDeps[0], null);
        }

        if (withDeps.Length > 1)
        {
            var named = withDeps.FirstOrDefault(path =>
                string.Equals(Path.GetFileNameWithoutExtension(path), Path.GetFileName(folder), StringComparison.OrdinalIgnoreCase));
            if (named is not null)
            {
                return new PluginCandidate(folder, named, null);
            }
        }

        var marked = (withDeps.Length > 1 ? withDeps : assemblies).Where(PluginAssemblyInspector.IsMarkedPlugin).ToArray();
        if (marked.Length == 1)
        {
            return new PluginCandidate(folder, marked[0], null);
        }

        if (marked.Length > 1)
        {
            return new PluginCandidate(folder, null,
                $"Plugin folder '{folder}' holds several assemblies marked [assembly: QmlPlugin]: {FileList(marked)}. " +
                "Put each plugin in its own folder.");
        }

        if (assemblies.Length == 1)
        {
            // A lone .dll is the only thing it could be; loading it reports precisely why it is not a plugin.
            return new PluginCandidate(folder, assemblies[0], null);
        }

        var found = assemblies.Length == 0 ? "no .dll files" : FileList(assemblies);
        return new PluginCandidate(folder, null,
            $"Plugin folder '{folder}' has no plugin assembly (found {found}). Expected <Name>.dll with <Name>.deps.json " +
            "beside it (the build output of a project with <IsQmlPlugin>true</IsQmlPlugin>), or a single .dll marked " +
            "[assembly: QmlPlugin(typeof(YourModule))].");
    }

    private static bool HasDepsJson(string assemblyPath) => File.Exists(Path.ChangeExtension(assemblyPath, ".deps.json"));

    private static string FileList(IEnumerable<string> paths) => string.Join(", ", paths.Select(Path.GetFileName));
}
