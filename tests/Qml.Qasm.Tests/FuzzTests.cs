using System.Text;

namespace Qml.Qasm.Tests;

/// <summary>
/// Random mutations of the corpus (character flips, deletions, duplications, truncations,
/// inserted tokens), with a fixed seed: every outcome is a circuit or a QasmException, never
/// another exception, a hang or a crash.
/// </summary>
public sealed class FuzzTests
{
    private const int Iterations = 4000;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    private static readonly string[] Tokens =
    [
        "gate", "(", ")", "[", "]", "{", "}", ";", ",", "->", "@", "ctrl @ ", "negctrl(3) @ ", "inv @ ", "pow(65536) @ ", "pow(-3) @ ",
        "999999999999", "1e308", "-", "*", "/", "^", "**", "pi", "q", "c", "measure", "reset", "barrier", "if", "qreg", "creg",
        "include \"qelib1.inc\";", "include \"stdgates.inc\";", "OPENQASM 3.0;", "input float[64] zz;", "gphase(1)", "$3", "\"", "/*", "//",
        "\n", " ", "π", "\u0000", "\uFFFF", "sin(", "0.", ".5e-3", "opaque o a;", "U(1,2,3) q[0];", "c4x", "ccx q[0],q[1],q[2];",
    ];

    [Test]
    public void MutatedProgramsGiveACircuitOrAQasmException()
    {
        var sources = Directory.GetFiles(CorpusTests.Directory, "*.qasm").Order().Select(File.ReadAllText).ToArray();
        var random = new Random(20240611);
        int circuits = 0, errors = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var text = Mutate(sources[random.Next(sources.Length)], random);
            var outcome = Task.Run(() =>
            {
                try
                {
                    QasmReader.Read(text, "<fuzz>");
                    return (Exception?)null;
                }
                catch (Exception e)
                {
                    return e;
                }
            });
            Assert.That(outcome.Wait(PerCase), Is.True, $"case {i} did not finish in {PerCase}:\n{text}");
            switch (outcome.Result)
            {
                case null:
                    circuits++;
                    break;
                case QasmException:
                    errors++;
                    break;
                case var other:
                    Assert.Fail($"case {i} threw {other.GetType().Name}: {other.Message}\n{other.StackTrace}\n--- input ---\n{text}");
                    break;
            }
        }

        TestContext.Out.WriteLine($"{Iterations} mutations: {circuits} circuits, {errors} QasmExceptions");
        Assert.That(errors, Is.GreaterThan(0));
    }

    private static string Mutate(string source, Random random)
    {
        var text = new StringBuilder(source);
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds && text.Length > 0; r++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(6))
            {
                case 0:
                    text[at] = (char)random.Next(32, 127);
                    break;
                case 1:
                    text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at));
                    break;
                case 2:
                    {
                        var length = Math.Min(random.Next(1, 80), text.Length - at);
                        var copy = text.ToString(at, length);
                        for (var k = random.Next(1, 4); k > 0; k--)
                        {
                            text.Insert(at, copy);
                        }

                        break;
                    }

                case 3:
                    text.Length = at;
                    break;
                case 4:
                    text.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                default:
                    text[at] = (char)random.Next(0, 0x3000);
                    break;
            }
        }

        return text.ToString();
    }
}
