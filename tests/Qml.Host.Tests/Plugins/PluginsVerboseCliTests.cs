using System.Text.Json;
using Qml.Host.Tests.Cli;

namespace Qml.Host.Tests.Plugins;

/// <summary><c>qml plugins --verbose</c> as a user runs it: table and JSON.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PluginsVerboseCliTests
{
    [Test]
    public void TheTableShowsOriginsRegistrationsAndWhyAPluginFailed()
    {
        using var folder = new TempPluginDirectory();
        var good = folder.AddFixture(Fixtures.Good);
        folder.AddFixture(Fixtures.Throws);
        folder.AddFixture(Fixtures.ContractV2);

        var outcome = QmlProcess.Run("plugins", "--verbose", "--plugins", folder.Path);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        Assert.That(outcome.StandardOutput, Does.Contain("registers: backend 'fixture-good'")
            .And.Contain("registers: command 'fixture-echo'")
            .And.Match($@"plugin\s+Fixture\.Good\s+1\.0\.0\.0\s+{System.Text.RegularExpressions.Regex.Escape(Path.Combine(good, "Fixture.Good.dll"))}")
            .And.Match(@"host\s+Qml\.Abstractions\s+1\.1\.0\.0\s+\S+Qml\.Abstractions\.dll\s+compiled against 1\.1\.0\.0")
            .And.Contain("exception: System.InvalidOperationException: fixture failure")
            .And.Contain("contract: compiled against Qml.Abstractions 2.0.0.0; this host provides 1.1.0.0 (contract 1.1)"));
    }

    [Test]
    public void TheJsonCarriesTheSameDetails()
    {
        using var folder = new TempPluginDirectory();
        var folderPath = folder.AddFixture(Fixtures.SideBySideB);

        var outcome = QmlProcess.Run("plugins", "--verbose", "--format", "json", "--plugins", folder.Path);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var details = json.RootElement.GetProperty("plugins")[0].GetProperty("details");
        var assemblies = details.GetProperty("assemblies").EnumerateArray().ToList();
        var shared = assemblies.Single(a => a.GetProperty("name").GetString() == "Fixture.SharedLib");
        Assert.Multiple(() =>
        {
            Assert.That(shared.GetProperty("source").GetString(), Is.EqualTo("plugin"));
            Assert.That(shared.GetProperty("version").GetString(), Is.EqualTo("2.0.0.0"));
            Assert.That(shared.GetProperty("path").GetString(), Is.EqualTo(Path.Combine(folderPath, "Fixture.SharedLib.dll")));
            Assert.That(assemblies.Single(a => a.GetProperty("name").GetString() == "Qml.Abstractions").GetProperty("source").GetString(), Is.EqualTo("host"));
            Assert.That(details.GetProperty("services")[0].GetProperty("name").GetString(), Is.EqualTo("fixture-sidebyside-b"));
            Assert.That(details.GetProperty("referencedContract").GetString(), Is.EqualTo("1.1.0.0"));
            Assert.That(details.GetProperty("exceptionChain").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public void WithoutVerboseTheJsonHasNoDetails()
    {
        using var folder = new TempPluginDirectory();
        folder.AddFixture(Fixtures.Good);

        var outcome = QmlProcess.Run("plugins", "--format", "json", "--plugins", folder.Path);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        Assert.That(json.RootElement.GetProperty("plugins")[0].GetProperty("details").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }
}
