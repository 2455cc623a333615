using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qml.Learning.Data;

namespace Qml.Learning.Models;

/// <summary>Registration helpers for plugin modules that add models or datasets.</summary>
public static class ModelServiceCollectionExtensions
{
    /// <summary>Registers a model factory as a singleton <see cref="IModelFactory"/>.</summary>
    public static IServiceCollection AddModelFactory<TFactory>(this IServiceCollection services)
        where TFactory : class, IModelFactory
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelFactory, TFactory>());
        return services;
    }

    /// <summary>Registers a dataset provider as a singleton <see cref="IDatasetProvider"/>.</summary>
    public static IServiceCollection AddDatasetProvider<TProvider>(this IServiceCollection services)
        where TProvider : class, IDatasetProvider
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDatasetProvider, TProvider>());
        return services;
    }
}
