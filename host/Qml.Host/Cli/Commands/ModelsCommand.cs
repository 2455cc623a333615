using System.CommandLine;
using Qml.Learning.Models;

namespace Qml.Host.Cli.Commands;

/// <summary><c>qml models</c>: the model factories the loaded plugins register, with their options.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the models that plugins register, with their options.");
        CommandAction.Set(command, (parseResult, _) =>
        {
            using var session = HostSession.Open(parseResult);
            var models = session.ModelFactories.Select(f => (Factory: f, Descriptor: f.Describe())).ToList();
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(models.Select(m => new ModelJson(
                    m.Descriptor.Name, m.Descriptor.Task, m.Descriptor.Description, m.Descriptor.DefaultDataset,
                    m.Descriptor.Options, m.Factory.GetType().Assembly.GetName().Name!)).ToList());
                return Task.FromResult(ExitCodes.Success);
            }

            if (models.Count == 0)
            {
                Console.WriteLine($"No model plugins are loaded from {session.Host.PluginDirectory}.");
                return Task.FromResult(ExitCodes.Success);
            }

            var table = new TableWriter("NAME", "TASK", "DATASET", "OPTIONS (default)", "DESCRIPTION");
            foreach (var (_, d) in models)
            {
                table.Add(d.Name, d.Task.ToString().ToLowerInvariant(), d.DefaultDataset, string.Join(" ", d.Options.Select(o => $"{o.Name}={o.DefaultValue}")), d.Description);
            }

            Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private sealed record ModelJson(string Name, ModelTask Task, string Description, string DefaultDataset, IReadOnlyList<ModelOptionInfo> Options, string Plugin);
}
