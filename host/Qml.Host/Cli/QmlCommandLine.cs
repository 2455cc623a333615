using System.CommandLine;
using Qml.Host.Cli.Commands;

namespace Qml.Host.Cli;

/// <summary>The <c>qml</c> command tree.</summary>
internal static class QmlCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("qml: a quantum machine learning workbench. Loads backend and model plugins and runs jobs on them.");
        root.Options.Add(GlobalOptions.Plugins);
        root.Options.Add(GlobalOptions.Format);
        root.Subcommands.Add(PluginsCommand.Create());
        root.Subcommands.Add(BackendsCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(DatasetsCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(AttackCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }
}
