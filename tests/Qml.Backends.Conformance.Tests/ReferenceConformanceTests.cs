using Qml.Abstractions.Execution;

namespace Qml.Backends.Conformance.Tests;

/// <summary>The suite against the reference backend with every capability: proves the suite itself right.</summary>
[TestFixture]
public sealed class ReferenceConformanceTests : BackendConformanceSuite
{
    protected override IBackend CreateBackend() => new ReferenceBackend(ReferenceBackend.Full);
}
