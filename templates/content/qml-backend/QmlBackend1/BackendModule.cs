using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;

[assembly: QmlPlugin(typeof(QmlBackend1.BackendModule))]

namespace QmlBackend1;

/// <summary>The plugin's entry point: the host creates it with new() and calls ConfigureServices once.</summary>
public sealed class BackendModule : IQmlPluginModule
{
    /// <summary>Who this plugin is; the contract major defaults to the one it was compiled against.</summary>
    public PluginManifest Manifest { get; } = new("my.plugin.id", new Version(1, 0, 0), "A small statevector backend (QmlBackend1)");

    /// <summary>Registers what the plugin adds: here one backend factory.</summary>
    public void ConfigureServices(IServiceCollection services) => services.AddBackendFactory<BackendFactory>();
}
