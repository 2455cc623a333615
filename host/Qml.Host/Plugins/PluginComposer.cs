using Microsoft.Extensions.DependencyInjection;

namespace Qml.Host.Plugins;

/// <summary>
/// Runs one module's <c>ConfigureServices</c> into a fresh collection, so a module that throws
/// leaves no partial registrations, then checks that what it registered can be constructed from
/// the host's services and its own (a plugin does not depend on another plugin).
/// </summary>
internal static class PluginComposer
{
    private static readonly ServiceProviderOptions Validating = new() { ValidateOnBuild = true, ValidateScopes = true };

    public static ServiceProviderOptions ProviderOptions => Validating;

    public static PluginComposition Compose(PluginActivation activation, IReadOnlyList<ServiceDescriptor> hostServices)
    {
        var handle = activation.Handle;
        if (activation.Module is not { } module)
        {
            return new PluginComposition(handle, []);
        }

        IServiceCollection registrations = new ServiceCollection();
        try
        {
            module.ConfigureServices(registrations);
        }
        catch (Exception e)
        {
            var cause = PluginErrors.Unwrap(e);
            return Failed(handle, $"Plugin '{handle.Path}' ({handle.Id}) threw in ConfigureServices: {PluginErrors.Reason(cause)}.", cause);
        }

        try
        {
            Validate(hostServices, registrations);
        }
        catch (Exception e)
        {
            return Failed(handle,
                $"Plugin '{handle.Path}' ({handle.Id}) registered services that cannot be constructed: {e.Message} " +
                "A plugin's services may depend on the host's services and on its own registrations only.", e);
        }

        var services = registrations
            .Select(d => new PluginService(PluginKinds.KindOf(d.ServiceType), d.ServiceType, d.ImplementationType ?? d.ImplementationInstance?.GetType()))
            .ToList();
        return new PluginComposition(handle with { Kinds = PluginKinds.Of(registrations), Services = services }, registrations.ToList());
    }

    private static void Validate(IReadOnlyList<ServiceDescriptor> hostServices, IServiceCollection registrations)
    {
        IServiceCollection trial = new ServiceCollection();
        foreach (var descriptor in hostServices.Concat(registrations))
        {
            trial.Add(descriptor);
        }

        // Building with ValidateOnBuild resolves constructors without creating any service.
        using var provider = trial.BuildServiceProvider(Validating);
    }

    private static PluginComposition Failed(PluginHandle handle, string error, Exception exception) =>
        new(handle with { Status = PluginStatus.Failed, Error = error, Exception = exception, Kinds = [] }, []);
}
