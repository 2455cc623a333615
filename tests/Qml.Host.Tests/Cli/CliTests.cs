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
        Assert.That(json.RootElement.GetProperty("hostContract").GetString(), Is.EqualTo("1.1"));
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
    public void DeviceFlagPicksAnOpenClDeviceAndIsRefusedWhereThereIsNone()
    {
        var opencl = QmlProcess.Run("run", "-b", "opencl", "--device", "0", "--shots", "0", "--format", "json");
        var missing = QmlProcess.Run("run", "-b", "opencl", "--device", "7", "--shots", "0");
        var cpu = QmlProcess.Run("run", "--device", "0");

        Assert.That(opencl.ExitCode, Is.Zero, opencl.ToString());
        Assert.That(missing.ExitCode, Is.EqualTo(2), missing.ToString());
        Assert.That(missing.StandardError, Does.Contain("device"));
        Assert.That(cpu.ExitCode, Is.EqualTo(2), cpu.ToString());
        Assert.That(cpu.StandardError, Does.Contain("no option 'device'"));
    }

    [Test]
    public void TruncationFlagsReachTheMpsBackendAndItsDiagnostics()
    {
        var exact = QmlProcess.Run("run", "-b", "mps", "-c", "layered", "-n", "12", "--layers", "4", "--shots", "0", "--format", "json");
        var capped = QmlProcess.Run("run", "-b", "mps", "-c", "layered", "-n", "12", "--layers", "4", "--max-bond", "2", "--cutoff", "1e-12", "--shots", "0", "--format", "json");
        var refused = QmlProcess.Run("run", "-b", "mps", "--max-bond", "0");

        Assert.That(exact.ExitCode, Is.Zero, exact.ToString());
        Assert.That(capped.ExitCode, Is.Zero, capped.ToString());
        using var exactJson = JsonDocument.Parse(exact.StandardOutput);
        using var cappedJson = JsonDocument.Parse(capped.StandardOutput);
        var a = exactJson.RootElement.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        var b = cappedJson.RootElement.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.That(a.Zip(b, (x, y) => Math.Abs(x - y)).Max(), Is.GreaterThan(1e-6), "a bond cap of 2 must truncate this entangled circuit");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.StandardError, Does.Contain("max-bond"));
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
        var probabilities = root.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.That(probabilities, Has.Length.EqualTo(8));
        Assert.That(probabilities[0b000], Is.EqualTo(0.5).Within(1e-12));
        Assert.That(probabilities[0b111], Is.EqualTo(0.5).Within(1e-12));
        Assert.That(probabilities.Sum(), Is.EqualTo(1.0).Within(1e-12));
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
    public void BenchRunsOnStatesSmallerThanAPage()
    {
        var outcome = QmlProcess.Run("bench", "--qubits", "2,5", "--threads", "1", "--layers", "1", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("qubits").GetInt32()), Is.EqualTo(new[] { 2, 5 }));
        Assert.That(rows.Select(r => r.GetProperty("readModifyWriteGBps").GetDouble()), Is.All.GreaterThan(0));
    }

    [Test]
    public void QasmBenchReadsTheGeneratedFileInBothVersions()
    {
        var outcome = QmlProcess.Run("bench", "qasm", "--gates", "2000", "--qubits", "5", "--repeat", "2", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("version").GetString()), Is.EqualTo(new[] { "2.0", "3.0" }));
        Assert.That(rows.Select(r => r.GetProperty("gates").GetInt32()), Is.All.EqualTo(2000));
        Assert.That(rows.Select(r => r.GetProperty("bestMilliseconds").GetDouble()), Is.All.GreaterThan(0));
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

    [Test]
    public void RunsAnOpenQasm3FileWithBoundInputsAndObservables()
    {
        using var file = new TempQasmFile("""
            OPENQASM 3.0;
            include "stdgates.inc";
            input float[64] theta;
            qubit[2] q;
            bit[2] c;
            ry(theta) q[0];
            cx q[0], q[1];
            c = measure q;
            """);

        var outcome = QmlProcess.Run("run", file.Path, "--bind", "theta=1.0", "--observable", "Z0 Z1", "--observable", "0.5*Z0", "--shots", "500", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var root = json.RootElement;
        var probabilities = root.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.That(probabilities[0b00], Is.EqualTo(Math.Pow(Math.Cos(0.5), 2)).Within(1e-12));
        Assert.That(probabilities[0b11], Is.EqualTo(Math.Pow(Math.Sin(0.5), 2)).Within(1e-12));
        var expectations = root.GetProperty("expectations").EnumerateArray().Select(e => e.GetProperty("value").GetDouble()).ToArray();
        Assert.That(expectations, Is.EqualTo(new[] { 1.0, 0.5 * Math.Cos(1.0) }).Within(1e-12));
        Assert.That(root.GetProperty("inputs").GetProperty("theta").GetDouble(), Is.EqualTo(1.0));
        var counts = root.GetProperty("counts").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32());
        Assert.That(counts.Keys, Is.SubsetOf(new[] { "00", "11" }));
        Assert.That(counts.Values.Sum(), Is.EqualTo(500));
    }

    [Test]
    public void MissingInputValueNamesTheInput()
    {
        using var file = new TempQasmFile("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] phi;\nqubit[1] q;\nrx(phi) q[0];\n");

        var outcome = QmlProcess.Run("run", file.Path);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.StandardError, Does.Contain("phi").And.Contain("--bind phi=VALUE"));
    }

    [Test]
    public void MalformedFileReportsLineAndColumn()
    {
        using var file = new TempQasmFile("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nfoo q[0];\n");

        var outcome = QmlProcess.Run("run", file.Path);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.StandardError, Does.Contain($"{file.Path}:4:1:").And.Contain("foo"));
    }

    [Test]
    public void MidCircuitMeasurementIsSampledPerShot()
    {
        using var file = new TempQasmFile("""
            OPENQASM 2.0;
            include "qelib1.inc";
            qreg q[2];
            creg c[2];
            h q[0];
            measure q[0] -> c[0];
            if (c == 1) x q[1];
            measure q[1] -> c[1];
            """);

        var sampled = QmlProcess.Run("run", file.Path, "--shots", "400", "--format", "json");
        var exactOnly = QmlProcess.Run("run", file.Path, "--shots", "0");

        Assert.That(sampled.ExitCode, Is.Zero, sampled.ToString());
        using var json = JsonDocument.Parse(sampled.StandardOutput);
        var counts = json.RootElement.GetProperty("counts").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32());
        Assert.That(counts.Keys, Is.EquivalentTo(new[] { "00", "11" }), "the conditioned X copies the measured coin");
        Assert.That(exactOnly.ExitCode, Is.EqualTo(2));
        Assert.That(exactOnly.StandardError, Does.Contain("--shots"));
    }

    [Test]
    public void ConvertWritesOpenQasm2ThatRunsToTheSameDistribution()
    {
        using var source = new TempQasmFile("""
            OPENQASM 3.0;
            include "stdgates.inc";
            input float[64] theta;
            qubit[3] q;
            h q[0];
            ctrl @ rx(theta) q[0], q[1];
            cx q[1], q[2];
            """);
        var target = source.Path + ".v2.qasm";

        var convert = QmlProcess.Run("convert", source.Path, "--to", "qasm2", "--bind", "theta=0.7", "--out", target);
        var original = QmlProcess.Run("run", source.Path, "--bind", "theta=0.7", "--shots", "0", "--format", "json");
        var converted = QmlProcess.Run("run", target, "--shots", "0", "--format", "json");

        Assert.That(convert.ExitCode, Is.Zero, convert.ToString());
        Assert.That(File.ReadAllText(target), Does.StartWith("OPENQASM 2.0;"));
        Assert.That(Probabilities(converted), Is.EqualTo(Probabilities(original)).Within(1e-12));
        File.Delete(target);
    }

    private static double[] Probabilities(QmlOutcome outcome)
    {
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        return [.. json.RootElement.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble())];
    }

    private static string[] BackendNames(QmlOutcome outcome)
    {
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        return [.. json.RootElement.EnumerateArray().Select(b => b.GetProperty("name").GetString()!)];
    }
}
