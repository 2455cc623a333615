using System.CommandLine;
using Qml.Abstractions.Plugins;
using Qml.Host.Plugins;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml plugins</c>: every discovered plugin with its status and, if it failed, why;
/// <c>--verbose</c> adds where each of its assemblies came from and what it registered.
/// </summary>
internal static class PluginsCommand
{
    public static Command Create()
    {
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Also show each plugin's assemblies (from the plugin or shared by the host), what it registered, and for a failed one the exception chain and missing dependency.",
        };
        var command = new Command("plugins", "List discovered plugins: id, version, kind, contract, status, path and error.") { verbose };
        CommandAction.Set(command, (parseResult, _) =>
        {
            using var session = HostSession.Open(parseResult, reportFailures: false);
            var plugins = session.Host.Plugins;
            var details = parseResult.GetValue(verbose)
                ? plugins.Select(p => PluginDetails.Of(p, session.Host.Services)).ToList()
                : null;
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(new PluginListJson(
                    session.Host.PluginDirectory,
                    ContractVersion.Current.ToString(),
                    [.. plugins.Select((p, i) => PluginJson.From(p, details?[i]))]));
                return Task.FromResult(ExitCodes.Success);
            }

            Console.WriteLine($"Plugin folder: {session.Host.PluginDirectory} (host contract {ContractVersion.Current})");
            if (plugins.Count == 0)
            {
                Console.WriteLine("No plugins found. Build the solution (dotnet build Plugins.sln) or pass --plugins DIR.");
                return Task.FromResult(ExitCodes.Success);
            }

            var table = new TableWriter("ID", "VERSION", "KIND", "CONTRACT", "STATUS", "PATH");
            foreach (var plugin in plugins)
            {
                table.Add(
                    plugin.Id ?? "?",
                    plugin.Version?.ToString() ?? "?",
                    plugin.Kinds.Count == 0 ? "-" : string.Join(",", plugin.Kinds),
                    plugin.ContractMajor is { } major ? $"{major}.x" : "?",
                    plugin.Status.ToString().ToLowerInvariant(),
                    plugin.Path);
            }

            Console.Write(table);
            foreach (var plugin in plugins.Where(p => p.Error is not null))
            {
                Console.WriteLine($"{plugin.Status.ToString().ToLowerInvariant()}: {plugin.Path}: {plugin.Error}");
            }

            for (var i = 0; details is not null && i < plugins.Count; i++)
            {
                PluginDetailsText.Write(plugins[i], details[i]);
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private sealed record PluginListJson(string PluginDirectory, string HostContract, IReadOnlyList<PluginJson> Plugins);

    private sealed record PluginJson(string? Id, string? Version, string? Description, IReadOnlyList<string> Kinds, int? ContractMajor, string Status, string Path, string? Error, PluginDetails? Details)
    {
        public static PluginJson From(PluginHandle p, PluginDetails? details) => new(
            p.Id,
            p.Version?.ToString(),
            p.Description,
            p.Kinds,
            p.ContractMajor,
            p.Status.ToString().ToLowerInvariant(),
            p.Path,
            p.Error,
            details);
    }
}
