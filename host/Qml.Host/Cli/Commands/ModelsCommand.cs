using System.CommandLine;
using Qml.Host.Plugins;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml models</c>: the loaded plugins that register model factories. Model factories are
/// defined by Qml.Learning; until a model plugin is installed the list is empty and says so.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List model plugins and the models they register.");
        CommandAction.Set(command, (parseResult, _) =>
        {
            using var session = HostSession.Open(parseResult);
            var models = session.Host.Plugins
                .Where(p => p.Status == PluginStatus.Loaded && p.Kinds.Contains("model"))
                .ToList();
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(models.Select(p => new ModelPluginJson(p.Id, p.Version?.ToString(), p.Description, p.Path)).ToList());
                return Task.FromResult(ExitCodes.Success);
            }

            if (models.Count == 0)
            {
                Console.WriteLine($"No model plugins are loaded from {session.Host.PluginDirectory}.");
                return Task.FromResult(ExitCodes.Success);
            }

            var table = new TableWriter("ID", "VERSION", "DESCRIPTION", "PATH");
            foreach (var p in models)
            {
                table.Add(p.Id ?? "?", p.Version?.ToString() ?? "?", p.Description ?? string.Empty, p.Path);
            }

            Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private sealed record ModelPluginJson(string? Id, string? Version, string? Description, string Path);
}
