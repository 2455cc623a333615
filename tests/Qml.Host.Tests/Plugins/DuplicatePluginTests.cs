using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Execution;
using Qml.Host.Plugins;

namespace Qml.Host.Tests.Plugins;

[TestFixture]
public sealed class DuplicatePluginTests
{
    [Test]
    public void SameIdKeepsTheHigherVersion()
    {
        using var directory = new TempPluginDirectory();

        // "A-" sorts first, so the higher version is not simply the one read first.
        var older = directory.AddFixture(Fixtures.Good, "B-" + Fixtures.Good);
        var newer = directory.AddFixture(Fixtures.GoodV2, "A-" + Fixtures.GoodV2);

        using var host = PluginHost.Load(directory.Path);

        var kept = host.Plugins.Single(p => p.Path == newer);
        var superseded = host.Plugins.Single(p => p.Path == older);
        Assert.Multiple(() =>
        {
            Assert.That(kept.Status, Is.EqualTo(PluginStatus.Loaded), kept.Error);
            Assert.That(kept.Version, Is.EqualTo(new Version(2, 0, 0, 0)));
            Assert.That(superseded.Status, Is.EqualTo(PluginStatus.Superseded));
            Assert.That(superseded.Id, Is.EqualTo("fixture.good"));
            Assert.That(superseded.Error, Does.Contain(older).And.Contain(newer).And.Contain("higher version"));
            Assert.That(superseded.Kinds, Is.Empty);
            Assert.That(host.Services.GetServices<IBackendFactory>().Select(f => f.Describe().Description),
                Is.EqualTo(new[] { "fixture-good 2.0.0.0" }), "only the winner's ConfigureServices ran");
        });
    }

    [Test]
    public void SameIdAndVersionKeepsTheFolderReadFirst()
    {
        using var directory = new TempPluginDirectory();
        var first = directory.AddFixture(Fixtures.Good, "a-copy");
        var second = directory.AddFixture(Fixtures.Good, "b-copy");

        using var host = PluginHost.Load(directory.Path);

        Assert.Multiple(() =>
        {
            Assert.That(host.Plugins.Single(p => p.Path == first).Status, Is.EqualTo(PluginStatus.Loaded));
            Assert.That(host.Plugins.Single(p => p.Path == second).Status, Is.EqualTo(PluginStatus.Superseded));
            Assert.That(host.Plugins.Single(p => p.Path == second).Error, Does.Contain(first).And.Contain("same version"));
            Assert.That(host.Services.GetServices<IBackendFactory>(), Has.Exactly(1).Items);
        });
    }
}
