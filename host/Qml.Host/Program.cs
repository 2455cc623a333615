using System.CommandLine;
using Qml.Host.Cli;

namespace Qml.Host;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = QmlCommandLine.Build();
        using var pluginCommands = PluginCommandRouting.Attach(root, args);

        // System.CommandLine 2.0.0 leaves Ctrl-C unhandled by default (the process dies of the
        // signal): with a timeout, Ctrl-C/SIGTERM cancel the command's token first, so e.g. the
        // remote backend can cancel its job on the server before the process exits.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(5) };
        return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
    }
}
