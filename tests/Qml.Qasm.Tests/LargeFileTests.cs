using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Qml.Qasm.Tests;

public sealed class LargeFileTests
{
    [Test]
    public void HundredThousandGatesParseToHundredThousandOperations()
    {
        var text = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[20];\n");
        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            var a = random.Next(20);
            var b = (a + 1 + random.Next(19)) % 20;
            switch (i % 4)
            {
                case 0: text.Append(CultureInfo.InvariantCulture, $"h q[{a}];\n"); break;
                case 1: text.Append(CultureInfo.InvariantCulture, $"cx q[{a}], q[{b}];\n"); break;
                case 2: text.Append(CultureInfo.InvariantCulture, $"rz({random.NextDouble():R}) q[{a}];\n"); break;
                default: text.Append(CultureInfo.InvariantCulture, $"u3(pi/2, -0.25*pi, {random.NextDouble():R}) q[{a}];\n"); break;
            }
        }

        var source = text.ToString();
        QasmReader.Read(source);
        var watch = Stopwatch.StartNew();
        var circuit = QasmReader.Read(source);
        watch.Stop();

        Assert.That(circuit.Operations, Has.Length.EqualTo(100_000));
        TestContext.Out.WriteLine($"read 100,000 gates ({source.Length / 1024} KiB) in {watch.Elapsed.TotalMilliseconds:F1} ms");
    }
}
