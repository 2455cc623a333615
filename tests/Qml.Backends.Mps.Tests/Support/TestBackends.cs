using Qml.Abstractions.Execution;
using Qml.Backends.Cpu;

namespace Qml.Backends.Mps.Tests.Support;

/// <summary>Backends the tests compare: the MPS under test with chosen options, and the CPU statevector as reference.</summary>
internal static class TestBackends
{
    public static IBackend Mps(params (string Key, string Value)[] options)
    {
        var settings = BackendOptions.Default;
        foreach (var (key, value) in options)
        {
            settings = settings.With(key, value);
        }

        return new MpsBackendFactory().Create(settings);
    }

    public static IBackend Cpu() => new CpuBackendFactory().Create(BackendOptions.Default);
}
