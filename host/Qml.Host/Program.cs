using Qml.Host.Cli;

namespace Qml.Host;

internal static class Program
{
    private static Task<int> Main(string[] args) => QmlCommandLine.Build().Parse(args).InvokeAsync();
}
