using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Execution;
using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

[TestFixture]
public sealed class PluginKindsTests
{
    [Test]
    public void KindsAreNamedFromRegisteredServiceTypesOnceEach()
    {
        ServiceDescriptor[] registrations =
        [
            ServiceDescriptor.Singleton(typeof(IBackendFactory), typeof(object)),
            ServiceDescriptor.Singleton(typeof(IBackendFactory), typeof(object)),
            ServiceDescriptor.Singleton(typeof(IModelFactory), typeof(object)),
            ServiceDescriptor.Singleton(typeof(IDatasetProvider), typeof(object)),
            ServiceDescriptor.Singleton(typeof(TimeProvider), TimeProvider.System),
        ];

        Assert.That(PluginKinds.Of(registrations), Is.EqualTo(new[] { "backend", "model", "dataset", "TimeProvider" }));
    }

    // Stand-ins named like Qml.Learning's contracts, which the host matches by name.
    private interface IModelFactory;

    private interface IDatasetProvider;
}
