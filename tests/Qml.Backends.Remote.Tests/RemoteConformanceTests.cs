using Qml.Abstractions.Execution;
using Qml.Backends.Conformance;

namespace Qml.Backends.Remote.Tests;

/// <summary>
/// The shared suite through the network: the remote backend against <c>qml serve</c> on
/// loopback backed by the CPU backend. Its capabilities (shots only) skip the exact tests.
/// </summary>
[TestFixture]
public sealed class RemoteConformanceTests : BackendConformanceSuite
{
    // Disposed in StopServer (OneTimeTearDown), which the analyzer does not follow through async disposal.
#pragma warning disable NUnit1032
    private LoopbackServer? _server;
#pragma warning restore NUnit1032

    protected override IBackend CreateBackend()
    {
        _server = LoopbackServer.StartAsync().GetAwaiter().GetResult();
        return _server.CreateRemote();
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
