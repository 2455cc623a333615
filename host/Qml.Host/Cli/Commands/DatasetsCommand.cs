using System.CommandLine;
using Qml.Learning.Data;

namespace Qml.Host.Cli.Commands;

/// <summary><c>qml datasets</c>: the built-in datasets of Qml.Learning and those plugins register.</summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var command = new Command("datasets", "List datasets (built-in and from plugins) with their options.");
        CommandAction.Set(command, (parseResult, _) =>
        {
            using var session = HostSession.Open(parseResult);
            var builtIn = BuiltInDatasets.All.ToHashSet();
            var rows = session.DatasetProviders.Select(p => (Provider: p, Descriptor: p.Describe())).ToList();
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(rows.Select(r => new DatasetJson(
                    r.Descriptor.Name, r.Descriptor.Task, r.Descriptor.Description, r.Descriptor.Source,
                    builtIn.Contains(r.Provider) ? "built-in" : r.Provider.GetType().Assembly.GetName().Name!,
                    r.Descriptor.Options)).ToList());
                return Task.FromResult(ExitCodes.Success);
            }

            var table = new TableWriter("NAME", "TASK", "OPTIONS (default)", "DESCRIPTION");
            foreach (var (_, d) in rows)
            {
                table.Add(d.Name, d.Task.ToString().ToLowerInvariant(), string.Join(" ", d.Options.Select(o => $"{o.Name}={o.DefaultValue}")), d.Description);
            }

            Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private sealed record DatasetJson(string Name, DatasetTask Task, string Description, string? Source, string Origin, IReadOnlyList<DatasetOptionInfo> Options);
}
