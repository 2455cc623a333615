using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;

[assembly: QmlPlugin(typeof(Qml.Backends.Mps.MpsPluginModule))]

namespace Qml.Backends.Mps;

/// <summary>Registers the matrix product state backend.</summary>
public sealed class MpsPluginModule : IQmlPluginModule
{
    public PluginManifest Manifest { get; } =
        new("qml.backends.mps", new Version(1, 0, 0), "Matrix product state backend (truncated SVD, bond cap and cutoff)");

    public void ConfigureServices(IServiceCollection services) => services.AddBackendFactory<MpsBackendFactory>();
}
