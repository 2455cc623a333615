using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Plugins;

namespace Qml.Host.Plugins;

/// <summary>
/// Names what a plugin adds, from the service types it registered. Model and dataset contracts
/// live in Qml.Learning, which the host need not reference, so they are matched by name.
/// </summary>
internal static class PluginKinds
{
    public const string Backend = "backend";
    public const string Model = "model";
    public const string Dataset = "dataset";
    public const string Command = "command";

    public static IReadOnlyList<string> Of(IEnumerable<ServiceDescriptor> registrations) =>
        registrations.Select(d => KindOf(d.ServiceType)).Distinct(StringComparer.Ordinal).ToList();

    public static string KindOf(Type serviceType) =>
        serviceType == typeof(IBackendFactory) ? Backend
        : serviceType == typeof(IPluginCommand) ? Command
        : serviceType.Name switch
        {
            "IModelFactory" => Model,
            "IDatasetProvider" => Dataset,
            var name => name,
        };
}
