using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;

[assembly: QmlPlugin(typeof(Qml.Samples.TinyStatevector.BackendModule))]

namespace Qml.Samples.TinyStatevector;

/// <summary>The plugin's entry point: the host creates it with new() and calls ConfigureServices once.</summary>
public sealed class BackendModule : IQmlPluginModule
{
    /// <summary>Who this plugin is; the contract major defaults to the one it was compiled against.</summary>
    public PluginManifest Manifest { get; } = new("qml.samples.tinystatevector", new Version(1, 0, 0), $"A small statevector backend (Qml.Samples.TinyStatevector); uses Newtonsoft.Json {PrivateDependency.Version}");

    /// <summary>Registers what the plugin adds: here one backend factory.</summary>
    public void ConfigureServices(IServiceCollection services) => services.AddBackendFactory<BackendFactory>();
}
