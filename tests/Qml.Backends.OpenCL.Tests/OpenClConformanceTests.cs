using Qml.Abstractions.Execution;
using Qml.Backends.Conformance;

namespace Qml.Backends.OpenCL.Tests;

/// <summary>The shared backend conformance suite on the first OpenCL device (POCL on CI), double precision.</summary>
[TestFixture]
public sealed class OpenClConformanceTests : BackendConformanceSuite
{
    protected override IBackend CreateBackend() => new OpenClBackendFactory().Create(BackendOptions.Default);
}
