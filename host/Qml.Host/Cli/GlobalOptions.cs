using System.CommandLine;

namespace Qml.Host.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Plugins { get; } = new("--plugins")
    {
        Description = "Plugin folder (default: $QML_PLUGINS, else plugins/ beside the executable).",
        Recursive = true,
    };

    public static Option<OutputFormat> Format { get; } = new("--format")
    {
        Description = "Output format: table (default) or json (stable field names, see README).",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };
}
