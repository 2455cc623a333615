using Qml.Host.Plugins;

namespace Qml.Host.Cli.Commands;

/// <summary>The table form of <c>qml plugins --verbose</c>: one block per plugin.</summary>
internal static class PluginDetailsText
{
    private const string Indent = "    ";

    public static void Write(PluginHandle plugin, PluginDetails details)
    {
        Console.WriteLine();
        Console.WriteLine($"{plugin.Id ?? "?"} {plugin.Version?.ToString() ?? "?"} ({plugin.Status.ToString().ToLowerInvariant()}) {plugin.Path}");
        Console.WriteLine($"  main assembly: {details.MainAssembly ?? "none found"}");
        Console.WriteLine($"  contract: compiled against Qml.Abstractions {details.ReferencedContract ?? "?"}; " +
                          $"this host provides {details.HostContractAssembly} (contract {details.HostContract})");
        foreach (var service in details.Services)
        {
            Console.WriteLine($"  registers: {service.Kind}{(service.Name is null ? string.Empty : $" '{service.Name}'")} ({service.Type ?? "factory delegate"})");
        }

        if (details.Assemblies.Count > 0)
        {
            var table = new TableWriter("SOURCE", "ASSEMBLY", "VERSION", "PATH", "NOTE");
            foreach (var assembly in details.Assemblies)
            {
                table.Add(assembly.Source, assembly.Name, assembly.Version ?? "-", assembly.Path ?? "-", assembly.Note ?? string.Empty);
            }

            Console.WriteLine("  assemblies:");
            foreach (var line in table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Console.WriteLine(Indent + line.TrimEnd());
            }
        }

        if (plugin.Error is not null)
        {
            Console.WriteLine($"  why: {plugin.Error}");
        }

        if (details.MissingDependency is not null)
        {
            Console.WriteLine($"  missing dependency: {details.MissingDependency}");
        }

        for (var i = 0; i < details.ExceptionChain.Count; i++)
        {
            Console.WriteLine($"  {(i == 0 ? "exception" : "caused by")}: {details.ExceptionChain[i]}");
        }
    }
}
