using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;

[assembly: QmlPlugin(typeof(Qml.Backends.OpenCL.OpenClPluginModule))]

namespace Qml.Backends.OpenCL;

/// <summary>Registers the OpenCL statevector backend.</summary>
public sealed class OpenClPluginModule : IQmlPluginModule
{
    public PluginManifest Manifest { get; } =
        new("qml.backends.opencl", new Version(1, 0, 0), "OpenCL statevector backend (GPU, or POCL on the CPU)");

    public void ConfigureServices(IServiceCollection services) => services.AddBackendFactory<OpenClBackendFactory>();
}
