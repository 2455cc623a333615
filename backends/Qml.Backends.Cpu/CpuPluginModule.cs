using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;

[assembly: QmlPlugin(typeof(Qml.Backends.Cpu.CpuPluginModule))]

namespace Qml.Backends.Cpu;

/// <summary>Registers the CPU statevector backend.</summary>
public sealed class CpuPluginModule : IQmlPluginModule
{
    public PluginManifest Manifest { get; } =
        new("qml.backends.cpu", new Version(1, 0, 0), "CPU statevector backend (SIMD, multithreaded)");

    public void ConfigureServices(IServiceCollection services) => services.AddBackendFactory<CpuBackendFactory>();
}
