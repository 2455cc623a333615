using Qml.Abstractions.Execution;
using Qml.Backends.Conformance;

namespace Qml.Samples.TinyStatevector.Tests;

/// <summary>The shared backend conformance suite: gates, expectations, probabilities, sampling and errors against a reference.</summary>
[TestFixture]
public sealed class BackendConformanceTests : BackendConformanceSuite
{
    protected override IBackend CreateBackend() => new BackendFactory().Create(BackendOptions.Default);
}
