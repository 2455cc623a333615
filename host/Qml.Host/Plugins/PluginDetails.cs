using Qml.Abstractions.Plugins;

namespace Qml.Host.Plugins;

/// <summary>One registered service with the name users type for it (a backend's, model's or command's Name), when it has one.</summary>
/// <param name="Kind"><c>backend</c>, <c>model</c>, <c>dataset</c>, <c>command</c>, or the service type's name.</param>
/// <param name="Name">Its <c>Name</c> property, or null.</param>
/// <param name="Type">The plugin's implementation type.</param>
public sealed record PluginServiceDetails(string Kind, string? Name, string? Type);

/// <summary>
/// Everything <c>qml plugins --verbose</c> says about one plugin: its assemblies and where each came
/// from, what it registered, the contract versions on both sides, and for a failed plugin the
/// exception chain and the dependency that could not be found.
/// </summary>
public sealed record PluginDetails(
    string? MainAssembly,
    string? ReferencedContract,
    string HostContract,
    string HostContractAssembly,
    IReadOnlyList<PluginServiceDetails> Services,
    IReadOnlyList<PluginAssembly> Assemblies,
    string? MissingDependency,
    IReadOnlyList<string> ExceptionChain)
{
    /// <summary>Collects the details of <paramref name="handle"/>; <paramref name="services"/> resolves registered services to read their names.</summary>
    public static PluginDetails Of(PluginHandle handle, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(services);
        return new PluginDetails(
            handle.AssemblyPath,
            handle.ReferencedContract?.ToString(),
            ContractVersion.Current.ToString(),
            SharedAssemblies.ContractAssemblyVersion.ToString(),
            [.. handle.Services.Select(s => new PluginServiceDetails(s.Kind, NameOf(s, services), s.ImplementationType?.FullName))],
            PluginAssemblyReport.Describe(handle),
            PluginErrors.MissingDependency(handle.Exception),
            PluginErrors.Chain(handle.Exception));
    }

    private static string? NameOf(PluginService service, IServiceProvider services)
    {
        if (service.ImplementationType is not { } type || type.GetProperty("Name")?.PropertyType != typeof(string))
        {
            return null;
        }

        var enumerable = typeof(IEnumerable<>).MakeGenericType(service.ServiceType);
        var instances = services.GetService(enumerable) as IEnumerable<object?> ?? [];
        var instance = instances.FirstOrDefault(i => i?.GetType() == type);
        return instance is null ? null : type.GetProperty("Name")!.GetValue(instance) as string;
    }
}
