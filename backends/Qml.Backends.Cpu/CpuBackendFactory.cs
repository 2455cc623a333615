using Qml.Abstractions.Execution;

namespace Qml.Backends.Cpu;

/// <summary>Creates the CPU statevector backend (<c>--backend cpu</c>).</summary>
public sealed class CpuBackendFactory : IBackendFactory
{
    internal const string BackendName = "cpu";

    public string Name => BackendName;

    public BackendDescriptor Describe() =>
        new(BackendName, CpuStatevectorBackend.DescriptionText, CpuCapabilities.Create())
        {
            Options = CpuBackendSettings.Documented,
        };

    public IBackend Create(BackendOptions options) => new CpuStatevectorBackend(CpuBackendSettings.Parse(options));
}
