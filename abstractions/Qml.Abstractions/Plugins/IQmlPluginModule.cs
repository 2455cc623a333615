using Microsoft.Extensions.DependencyInjection;

namespace Qml.Abstractions.Plugins;

/// <summary>
/// The one entry point of a plugin assembly, named by <see cref="QmlPluginAttribute"/>. The host
/// creates it with its public parameterless constructor, checks the manifest, then lets it
/// register backend and model factories.
/// </summary>
public interface IQmlPluginModule
{
    PluginManifest Manifest { get; }

    /// <summary>Registers this plugin's services, e.g. <c>services.AddBackendFactory&lt;MyFactory&gt;()</c>.</summary>
    void ConfigureServices(IServiceCollection services);
}
