namespace Qml.Host.Plugins;

/// <summary>Where the host looks for plugins.</summary>
public static class PluginDirectory
{
    /// <summary>The environment variable that overrides the default plugin folder.</summary>
    public const string EnvironmentVariable = "QML_PLUGINS";

    /// <summary>The folder beside the executable used when nothing else is given.</summary>
    public const string DefaultFolderName = "plugins";

    /// <summary>
    /// The command-line option wins over <c>QML_PLUGINS</c>, which wins over
    /// <c>&lt;baseDirectory&gt;/plugins</c>. Blank values count as not given. The result is a
    /// full path (a relative option or variable is taken from the current directory).
    /// </summary>
    public static string Resolve(string? commandLineOption, string? environmentValue, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);

        if (!string.IsNullOrWhiteSpace(commandLineOption))
        {
            return Path.GetFullPath(commandLineOption.Trim());
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return Path.GetFullPath(environmentValue.Trim());
        }

        return Path.GetFullPath(Path.Combine(baseDirectory, DefaultFolderName));
    }
}
