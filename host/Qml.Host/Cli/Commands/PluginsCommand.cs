using System.CommandLine;
using Qml.Abstractions.Plugins;
using Qml.Host.Plugins;

namespace Qml.Host.Cli.Commands;

/// <summary><c>qml plugins</c>: every discovered plugin with its status and, if it failed, why.</summary>
internal static class PluginsCommand
{
    public static Command Create()
    {
        var command = new Command("plugins", "List discovered plugins: id, version, kind, contract, status, path and error.");
        CommandAction.Set(command, (parseResult, _) =>
        {
            using var session = HostSession.Open(parseResult, reportFailures: false);
            var plugins = session.Host.Plugins;
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(new PluginListJson(
                    session.Host.PluginDirectory,
                    ContractVersion.Current.ToString(),
                    [.. plugins.Select(PluginJson.From)]));
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

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private sealed record PluginListJson(string PluginDirectory, string HostContract, IReadOnlyList<PluginJson> Plugins);

    private sealed record PluginJson(string? Id, string? Version, string? Description, IReadOnlyList<string> Kinds, int? ContractMajor, string Status, string Path, string? Error)
    {
        public static PluginJson From(PluginHandle p) => new(
            p.Id,
            p.Version?.ToString(),
            p.Description,
            p.Kinds,
            p.ContractMajor,
            p.Status.ToString().ToLowerInvariant(),
            p.Path,
            p.Error);
    }
}
