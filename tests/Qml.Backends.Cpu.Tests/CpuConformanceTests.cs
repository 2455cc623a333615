using Qml.Abstractions.Execution;
using Qml.Backends.Conformance;
using Qml.Backends.Cpu;

namespace Qml.Backends.Cpu.Tests;

/// <summary>The shared backend conformance suite on the CPU statevector backend.</summary>
[TestFixture]
public sealed class CpuConformanceTests : BackendConformanceSuite
{
    protected override IBackend CreateBackend() => new CpuBackendFactory().Create(BackendOptions.Default);
}
