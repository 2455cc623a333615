using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;

[assembly: QmlPlugin(typeof(Qml.Backends.Remote.RemotePluginModule))]

namespace Qml.Backends.Remote;

/// <summary>Registers the remote backend.</summary>
public sealed class RemotePluginModule : IQmlPluginModule
{
    public PluginManifest Manifest { get; } =
        new("qml.backends.remote", new Version(1, 0, 0), "Remote backend over the Qiskit Runtime sampler REST API (OpenQASM 3)");

    public void ConfigureServices(IServiceCollection services) => services.AddBackendFactory<RemoteBackendFactory>();
}
