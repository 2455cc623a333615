using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qml.Abstractions.Execution;

namespace Qml.Abstractions.Plugins;

/// <summary>Registration helpers for plugin modules.</summary>
public static class PluginServiceCollectionExtensions
{
    /// <summary>Registers a backend factory as a singleton <see cref="IBackendFactory"/>.</summary>
    public static IServiceCollection AddBackendFactory<TFactory>(this IServiceCollection services)
        where TFactory : class, IBackendFactory
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBackendFactory, TFactory>());
        return services;
    }

    /// <summary>Registers a top-level <c>qml</c> command as a singleton <see cref="IPluginCommand"/>.</summary>
    public static IServiceCollection AddPluginCommand<TCommand>(this IServiceCollection services)
        where TCommand : class, IPluginCommand
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPluginCommand, TCommand>());
        return services;
    }
}
