using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Qml.Host.Tests.Cli;

/// <summary>
/// Every program of the OpenQASM corpus (tests/Qml.Qasm.Tests/Corpus) run through `qml run`
/// as a user would, its probabilities compared with the distribution its <c>// expect:</c> line
/// states (bit strings in Qiskit order), inputs given with <c>--bind</c> from its <c>// bind:</c> line.
/// </summary>
[NonParallelizable]
public sealed class QasmCorpusThroughCliTests
{
    private static readonly string CorpusDirectory = Path.Combine(
        typeof(QasmCorpusThroughCliTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "QmlRepoRoot").Value!,
        "tests",
        "Qml.Qasm.Tests",
        "Corpus");

    public static IEnumerable<string> Programs() => Directory.GetFiles(CorpusDirectory, "*.qasm").Select(Path.GetFileName).Order()!;

    [Test]
    public void TheCorpusIsThere() => Assert.That(Programs().Count(), Is.GreaterThanOrEqualTo(25));

    [TestCaseSource(nameof(Programs))]
    public void QmlRunGivesTheExpectedDistribution(string program)
    {
        var path = Path.Combine(CorpusDirectory, program);
        var lines = File.ReadAllLines(path);
        var arguments = new List<string> { "run", path, "--shots", "0", "--format", "json" };
        foreach (var binding in Directive(lines, "// bind:"))
        {
            arguments.Add("--bind");
            arguments.Add(binding);
        }

        var outcome = QmlProcess.Run([.. arguments]);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var actual = json.RootElement.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        var expected = new double[actual.Length];
        foreach (var pair in Directive(lines, "// expect:"))
        {
            var parts = pair.Split(':');
            expected[Convert.ToInt32(parts[0], 2)] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        Assert.That(actual, Is.EqualTo(expected).Within(1e-9));
    }

    private static IEnumerable<string> Directive(string[] lines, string prefix) =>
        lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(l => l[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
