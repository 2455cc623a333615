using Qml.Abstractions.Execution;

namespace Qml.Backends.Cpu.Tests.Support;

internal static class TestBackends
{
    public static CpuStatevectorBackend Create(int threads = 2) =>
        (CpuStatevectorBackend)new CpuBackendFactory().Create(BackendOptions.Default.With("threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
