using Microsoft.Extensions.DependencyInjection;

namespace Qml.Abstractions.Plugins;

/// <summary>
/// The one entry point of a plugin assembly, named by <see cref="QmlPluginAttribute"/>. The host
/// creates it with its public parameterless constructor, checks the manifest, then lets it
/// register backend and model factories.
/// </summary>
public interface IQmlPluginModule
{
    /// <summary>Who the plugin is; the host refuses it when <see cref="PluginManifest.ContractMajor"/> differs from its own.</summary>
    PluginManifest Manifest { get; }

    /// <summary>Registers this plugin's services, e.g. <c>services.AddBackendFactory&lt;MyFactory&gt;()</c>.</summary>
    void ConfigureServices(IServiceCollection services);
}
