using Qml.Host.Cli;

namespace Qml.Host;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = QmlCommandLine.Build();
        using var pluginCommands = PluginCommandRouting.Attach(root, args);
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
