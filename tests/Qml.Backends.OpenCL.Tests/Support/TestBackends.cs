using Qml.Abstractions.Execution;
using Qml.Backends.Cpu;

namespace Qml.Backends.OpenCL.Tests.Support;

/// <summary>
/// Backends shared by the non-conformance fixtures: building the OpenCL program is the slow
/// part of a test run on POCL, so each precision is built once per run and disposed at the end.
/// </summary>
[SetUpFixture]
public sealed class TestBackends
{
    private static readonly Lazy<OpenClBackend> DoubleBackend = new(() => Create("double"));
    private static readonly Lazy<OpenClBackend> SingleBackend = new(() => Create("single"));
    private static readonly Lazy<IDifferentiableBackend> CpuBackend =
        new(() => (IDifferentiableBackend)new CpuBackendFactory().Create(BackendOptions.Default));

    /// <summary>The first OpenCL device in double precision (POCL on CI).</summary>
    public static OpenClBackend Double => DoubleBackend.Value;

    /// <summary>The first OpenCL device forced to single precision.</summary>
    public static OpenClBackend Single => SingleBackend.Value;

    /// <summary>The CPU statevector backend, the reference for cross-checks.</summary>
    public static IDifferentiableBackend Cpu => CpuBackend.Value;

    [OneTimeTearDown]
    public void DisposeBackends()
    {
        if (DoubleBackend.IsValueCreated)
        {
            DoubleBackend.Value.Dispose();
        }

        if (SingleBackend.IsValueCreated)
        {
            SingleBackend.Value.Dispose();
        }

        if (CpuBackend.IsValueCreated)
        {
            CpuBackend.Value.Dispose();
        }
    }

    private static OpenClBackend Create(string precision) =>
        (OpenClBackend)new OpenClBackendFactory().Create(BackendOptions.Default.With("precision", precision));
}
