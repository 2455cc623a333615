using System.Globalization;
using Qml.Abstractions.Execution;

namespace Qml.Backends.Cpu.Tests.Support;

internal static class TestBackends
{
    /// <summary>A backend whose gates go threaded from <paramref name="parallelMinQubits"/> qubits (tests use small states).</summary>
    public static CpuStatevectorBackend Create(int threads = 2, int parallelMinQubits = 12) =>
        (CpuStatevectorBackend)new CpuBackendFactory().Create(
            BackendOptions.Default
                .With("threads", threads.ToString(CultureInfo.InvariantCulture))
                .With("parallel-min-qubits", parallelMinQubits.ToString(CultureInfo.InvariantCulture)));
}
