using System.Diagnostics;
using System.Globalization;
using System.Text;
using Qml.Qasm;

namespace Qml.Host.Bench;

/// <summary>One measurement of reading a generated OpenQASM file.</summary>
internal sealed record QasmReadBenchmarkRow(string Version, int Gates, int Qubits, long Bytes, double BestMilliseconds, double MedianMilliseconds, double GatesPerSecond);

/// <summary>
/// Times <see cref="QasmReader.ReadFile"/> on a generated program of N gates (H, CX, RZ and U3 with
/// arithmetic in their angles, plus an input symbol in OpenQASM 3): the cost of bringing a large
/// circuit into QmlHost.
/// </summary>
internal static class QasmReadBenchmark
{
    public static QasmReadBenchmarkRow Run(QasmVersion version, int gates, int qubits, int repeats)
    {
        var path = Path.Combine(Path.GetTempPath(), $"qml-bench-{Guid.NewGuid():N}.qasm");
        try
        {
            File.WriteAllText(path, Generate(version, gates, qubits));
            var bytes = new FileInfo(path).Length;

            // Warm the JIT on the same file, then keep every timing.
            var read = QasmReader.ReadFile(path);
            if (read.Operations.Length != gates)
            {
                throw new InvalidOperationException($"The generated file read back as {read.Operations.Length} operations, not {gates}.");
            }

            var times = new List<double>(repeats);
            for (var r = 0; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                QasmReader.ReadFile(path);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var best = times[0];
            return new QasmReadBenchmarkRow(version == QasmVersion.V2 ? "2.0" : "3.0", gates, qubits, bytes, best, times[times.Count / 2], gates / (best / 1e3));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Generate(QasmVersion version, int gates, int qubits)
    {
        var text = new StringBuilder(gates * 24);
        var v3 = version == QasmVersion.V3;
        text.Append(v3 ? "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\n" : "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n");
        text.Append(v3 ? "qubit[" : "qreg q[").Append(qubits.ToString(CultureInfo.InvariantCulture)).Append(v3 ? "] q;\n" : "];\n");
        var angle = v3 ? "theta" : "0.3";
        for (var g = 0; g < gates; g++)
        {
            var a = g % qubits;
            var b = (g + 1) % qubits;
            text.Append((g % 4) switch
            {
                0 => string.Create(CultureInfo.InvariantCulture, $"h q[{a}];\n"),
                1 => string.Create(CultureInfo.InvariantCulture, $"cx q[{a}], q[{b}];\n"),
                2 => string.Create(CultureInfo.InvariantCulture, $"rz(2*{angle} + pi/8) q[{a}];\n"),
                _ => string.Create(CultureInfo.InvariantCulture, $"u3(pi/2, -0.25*pi, {angle}) q[{a}];\n"),
            });
        }

        return text.ToString();
    }
}
