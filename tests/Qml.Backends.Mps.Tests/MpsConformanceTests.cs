using Qml.Abstractions.Execution;
using Qml.Backends.Conformance;

namespace Qml.Backends.Mps.Tests;

/// <summary>The shared backend conformance suite on the MPS backend with its default (lossless up to 16 qubits) options.</summary>
[TestFixture]
public sealed class MpsConformanceTests : BackendConformanceSuite
{
    protected override IBackend CreateBackend() => new MpsBackendFactory().Create(BackendOptions.Default);
}
