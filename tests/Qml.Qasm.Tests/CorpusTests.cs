using System.Globalization;

namespace Qml.Qasm.Tests;

/// <summary>
/// Team-written programs under Corpus/, each with its expected distribution in a leading
/// <c>// expect: bits:p ...</c> comment (bitstrings in Qiskit order: qubit 0 is the rightmost
/// character; unlisted outcomes have probability 0) and input values in <c>// bind: name=value</c>.
/// </summary>
public sealed class CorpusTests
{
    internal static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Corpus");

    public static IEnumerable<string> Files() =>
        System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.qasm").Select(Path.GetFileName).Order()!;

    [Test]
    public void CorpusHasAtLeast25Programs() => Assert.That(Files().Count(), Is.GreaterThanOrEqualTo(25));

    [TestCaseSource(nameof(Files))]
    public void ProgramGivesItsExpectedDistribution(string file)
    {
        var path = Path.Combine(Directory, file);
        var lines = File.ReadAllLines(path);
        var circuit = QasmReader.ReadFile(path);

        var bindings = new double[circuit.Symbols.Length];
        foreach (var pair in Directive(lines, "// bind:"))
        {
            var parts = pair.Split('=');
            var index = circuit.IndexOfSymbol(parts[0]);
            Assert.That(index, Is.GreaterThanOrEqualTo(0), $"bind names unknown input '{parts[0]}'");
            bindings[index] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        var expected = new double[1 << circuit.QubitCount];
        foreach (var pair in Directive(lines, "// expect:"))
        {
            var parts = pair.Split(':');
            Assert.That(parts[0], Has.Length.EqualTo(circuit.QubitCount), $"'{pair}' must name all {circuit.QubitCount} qubits");
            expected[Convert.ToInt32(parts[0], 2)] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        Assert.That(expected.Sum(), Is.EqualTo(1.0).Within(1e-9), "the expected distribution must sum to 1");
        var actual = TestSupport.Probabilities(circuit, bindings);
        Assert.That(actual, Is.EqualTo(expected).Within(1e-9));
    }

    private static IEnumerable<string> Directive(string[] lines, string prefix) =>
        lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(l => l[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
