using System.Text.Json;
using Qml.Host.Tests.Plugins;

namespace Qml.Host.Tests.Cli;

/// <summary>End-to-end checks of the qml command line against the built host and plugins.</summary>
[NonParallelizable]
public sealed class CliTests
{
    private const string CpuPlugin = "Qml.Backends.Cpu";

    [Test]
    public void PluginsListsTheCpuBackendAsLoadedFromTheDefaultFolder()
    {
        var outcome = QmlProcess.Run("plugins");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        Assert.That(outcome.StandardOutput, Does.Match(@"qml\.backends\.cpu\s+1\.0\.0\s+backend\s+1\.x\s+loaded"));
    }

    [Test]
    public void PluginsJsonHasTheDocumentedFields()
    {
        var outcome = QmlProcess.Run("plugins", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var cpu = json.RootElement.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "qml.backends.cpu");
        Assert.That(json.RootElement.GetProperty("hostContract").GetString(), Is.EqualTo("1.0"));
        Assert.That(cpu.GetProperty("status").GetString(), Is.EqualTo("loaded"));
        Assert.That(cpu.GetProperty("kinds")[0].GetString(), Is.EqualTo("backend"));
        Assert.That(cpu.GetProperty("contractMajor").GetInt32(), Is.EqualTo(1));
        Assert.That(cpu.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void ABrokenPluginIsListedAsFailedWhileTheOthersKeepWorking()
    {
        using var folder = new TempPluginDirectory();
        folder.AddFolder(Fixtures.HostPluginFolderOf(CpuPlugin), CpuPlugin);
        folder.AddFixture(Fixtures.Throws);

        var plugins = QmlProcess.Run("plugins", "--plugins", folder.Path);
        var run = QmlProcess.Run("run", "--plugins", folder.Path, "--shots", "0");

        Assert.That(plugins.ExitCode, Is.Zero, plugins.ToString());
        Assert.That(plugins.StandardOutput, Does.Contain("failed").And.Contain(Fixtures.Throws).And.Contain("fixture failure"));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain("1111     0.500000"));
        Assert.That(run.StandardError, Does.Contain("warning: plugin").And.Contain(Fixtures.Throws));
    }

    [Test]
    public void DroppingABuiltPluginFolderInMakesItAppearWithoutRebuilding()
    {
        using var folder = new TempPluginDirectory();
        folder.AddFolder(Fixtures.HostPluginFolderOf(CpuPlugin), CpuPlugin);
        var before = QmlProcess.Run("backends", "--plugins", folder.Path, "--format", "json");

        folder.AddFixture(Fixtures.Good);
        var after = QmlProcess.Run("backends", "--plugins", folder.Path, "--format", "json");

        Assert.That(BackendNames(before), Is.EqualTo(new[] { "cpu" }));
        Assert.That(BackendNames(after), Is.EquivalentTo(new[] { "cpu", "fixture-good" }));
    }

    [Test]
    public void QmlPluginsEnvironmentVariableChoosesTheFolder()
    {
        using var folder = new TempPluginDirectory();
        folder.AddFixture(Fixtures.Good);

        var outcome = QmlProcess.Run(new Dictionary<string, string> { ["QML_PLUGINS"] = folder.Path }, "backends", "--format", "json");

        Assert.That(BackendNames(outcome), Is.EqualTo(new[] { "fixture-good" }));
    }

    [Test]
    public void UnknownBackendExitsWithTwoAndListsTheAvailableOnes()
    {
        var outcome = QmlProcess.Run("run", "--backend", "quantum-toaster");

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.StandardError, Does.Contain("unknown backend 'quantum-toaster'").And.Contain("available: cpu"));
    }

    [Test]
    public void BadBackendOptionNamesTheValidOnes()
    {
        var outcome = QmlProcess.Run("run", "-o", "thread=2");

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.StandardError, Does.Contain("no option 'thread'").And.Contain("threads"));
    }

    [Test]
    public void UnknownCommandIsAUsageError()
    {
        var outcome = QmlProcess.Run("teleport");

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.ToString());
        Assert.That(outcome.StandardError, Does.Contain("teleport"));
    }

    [Test]
    public void RunReportsGhzProbabilitiesExpectationsAndSeededCounts()
    {
        var first = QmlProcess.Run("run", "--format", "json", "--qubits", "3", "--shots", "400", "--seed", "11");
        var second = QmlProcess.Run("run", "--format", "json", "--qubits", "3", "--shots", "400", "--seed", "11");

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        using var json = JsonDocument.Parse(first.StandardOutput);
        var root = json.RootElement;
        var probabilities = root.GetProperty("probabilities").EnumerateArray()
            .ToDictionary(p => p.GetProperty("outcome").GetString()!, p => p.GetProperty("probability").GetDouble());
        Assert.That(probabilities.Keys, Is.EquivalentTo(new[] { "000", "111" }));
        Assert.That(probabilities.Values, Is.All.EqualTo(0.5).Within(1e-12));
        var zz = root.GetProperty("expectations").EnumerateArray().Single(e => e.GetProperty("observable").GetString() == "Z0 Z2");
        Assert.That(zz.GetProperty("value").GetDouble(), Is.EqualTo(1.0).Within(1e-12));
        var counts = root.GetProperty("counts").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32());
        Assert.That(counts.Keys, Is.SubsetOf(new[] { "000", "111" }));
        Assert.That(counts.Values.Sum(), Is.EqualTo(400));
        Assert.That(counts["000"], Is.InRange(140, 260), "400 fair coin flips stay within 6 sigma of 200");
        Assert.That(JsonDocument.Parse(second.StandardOutput).RootElement.GetProperty("counts").ToString(), Is.EqualTo(root.GetProperty("counts").ToString()));
    }

    [Test]
    public void BenchReportsAPositiveTimeAndBandwidthPerRow()
    {
        var outcome = QmlProcess.Run("bench", "--qubits", "10,12", "--threads", "1", "--layers", "2", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("qubits").GetInt32()), Is.EqualTo(new[] { 10, 12 }));
        Assert.That(rows.Select(r => r.GetProperty("gates").GetInt32()), Is.EqualTo(new[] { 2 * 29, 2 * 35 }));
        Assert.That(rows.Select(r => r.GetProperty("millisecondsPerGate").GetDouble()), Is.All.GreaterThan(0));
        Assert.That(rows.Select(r => r.GetProperty("readModifyWriteGBps").GetDouble()), Is.All.GreaterThan(0));
    }

    [Test]
    public void BackendsJsonDescribesCapabilities()
    {
        var outcome = QmlProcess.Run("backends", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var cpu = json.RootElement.EnumerateArray().Single(b => b.GetProperty("name").GetString() == "cpu");
        var capabilities = cpu.GetProperty("capabilities");
        Assert.That(cpu.GetProperty("available").GetBoolean(), Is.True);
        Assert.That(capabilities.GetProperty("precision").GetString(), Is.EqualTo("double"));
        Assert.That(capabilities.GetProperty("gradientMethods").EnumerateArray().Select(g => g.GetString()), Does.Contain("adjoint"));
        Assert.That(capabilities.GetProperty("nativeGates").EnumerateArray().Select(g => g.GetString()), Is.SupersetOf(new[] { "u", "cx", "rzz", "ccx" }));
    }

    private static string[] BackendNames(QmlOutcome outcome)
    {
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        return [.. json.RootElement.EnumerateArray().Select(b => b.GetProperty("name").GetString()!)];
    }
}
