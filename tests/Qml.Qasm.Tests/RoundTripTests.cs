using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Qasm.Tests;

/// <summary>Seeded random circuits written and re-read give the same state on the CPU backend.</summary>
public sealed class RoundTripTests
{
    private const double Tolerance = 1e-10;

    [Test]
    public void RandomCircuitsSurviveOpenQasm3([Range(0, 39)] int seed)
    {
        var random = new Random(seed);
        var original = RandomCircuit(random, symbols: 1 + (seed % 3));
        var values = Enumerable.Range(0, original.Symbols.Length).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        var text = QasmWriter.Write(original, QasmVersion.V3);
        var reread = QasmReader.Read(text);

        Assert.That(reread.Symbols.Select(s => s.Name), Is.EqualTo(original.Symbols.Select(s => s.Name)), text);
        var distance = TestSupport.MaxDifference(TestSupport.State(original, values), TestSupport.State(reread, values));
        Assert.That(distance, Is.LessThan(Tolerance), text);
    }

    [Test]
    public void RandomCircuitsSurviveOpenQasm2([Range(0, 39)] int seed)
    {
        var random = new Random(1000 + seed);
        var original = RandomCircuit(random, symbols: 0);
        var text = QasmWriter.Write(original, QasmVersion.V2);
        var reread = QasmReader.Read(text);

        var distance = TestSupport.PhaseInsensitiveDistance(TestSupport.State(original), TestSupport.State(reread));
        Assert.That(distance, Is.LessThan(Tolerance), text);
        Assert.That(reread.Operations.Count(o => o.Kind == OperationKind.Measure), Is.EqualTo(original.Operations.Count(o => o.Kind == OperationKind.Measure)));
    }

    [Test]
    public void OpenQasm2RequiresABoundCircuit()
    {
        var b = new CircuitBuilder(1);
        b.RY(0, b.Input("alpha")).RZ(0, b.Weight("beta"));
        var error = Assert.Throws<Abstractions.QmlException>(() => QasmWriter.Write(b.Build(), QasmVersion.V2));
        Assert.That(error!.Message, Does.Contain("'alpha'").And.Contain("'beta'").And.Contain("bind"));
    }

    [Test]
    public void SymbolNamesThatClashWithGatesAreRefused()
    {
        var b = new CircuitBuilder(1);
        b.RY(0, b.Input("x")).RZ(0, b.Input("fine_1"));
        var error = Assert.Throws<Abstractions.QmlException>(() => QasmWriter.Write(b.Build(), QasmVersion.V3));
        Assert.That(error!.Message, Does.Contain("'x'").And.Not.Contain("fine_1"));
    }

    [Test]
    public void MultiQubitUnitariesAreRefused()
    {
        var cnot = new Complex[] { 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0 };
        var circuit = new CircuitBuilder(2).Unitary(cnot, 0, 1).Build();
        var error = Assert.Throws<Abstractions.QmlException>(() => QasmWriter.Write(circuit, QasmVersion.V3));
        Assert.That(error!.Message, Does.Contain("2-qubit unitary"));
    }

    [Test]
    public void NumbersRoundTripExactly()
    {
        var angles = new[] { 0.1, 1e-300, -5e-324, 1.0 / 3.0, Math.PI, 123456789.123456789, 1e21, -2.5e-7 };
        var b = new CircuitBuilder(1);
        foreach (var angle in angles)
        {
            b.RZ(0, angle);
        }

        foreach (var version in new[] { QasmVersion.V2, QasmVersion.V3 })
        {
            var reread = QasmReader.Read(QasmWriter.Write(b.Build(), version));
            Assert.That(reread.Operations.Select(o => o.Angles[0].Constant), Is.EqualTo(angles), version.ToString());
        }
    }

    [Test]
    public void AffineSymbolExpressionsRoundTripExactly()
    {
        var b = new CircuitBuilder(1);
        var x = b.Input("x0");
        var w = b.Weight("w");
        b.RY(0, (x * 0.7) - (w * 3) + 0.25).RZ(0, -x).P(0, w / 3);
        var original = b.Build();
        var reread = QasmReader.Read(QasmWriter.Write(original, QasmVersion.V3));
        Assert.That(reread.Operations.Select(o => o.Angles[0]), Is.EqualTo(original.Operations.Select(o => o.Angles[0])));
        Assert.That(reread.Symbols.Select(s => s.Role), Is.All.EqualTo(SymbolRole.Input));
    }

    internal static Circuit RandomCircuit(Random random, int symbols)
    {
        var n = random.Next(1, 6);
        var b = new CircuitBuilder(n, n);
        var names = Enumerable.Range(0, symbols).Select(i => $"theta_{i}").ToArray();
        Angle RandomAngle()
        {
            var angle = Angle.FromConstant((random.NextDouble() * 8) - 4);
            if (names.Length > 0 && random.Next(2) == 0)
            {
                angle += b.Input(names[random.Next(names.Length)]) * ((random.NextDouble() * 4) - 2);
            }

            return angle;
        }

        var kinds = GateDefinition.All.Where(d => d.IsUnitary && d.Kind != OperationKind.Unitary && d.QubitCount <= n).ToArray();
        var count = random.Next(5, 40);
        for (var i = 0; i < count; i++)
        {
            var choice = random.Next(20);
            if (choice == 0)
            {
                b.Unitary(RandomSingleQubitUnitary(random), random.Next(n));
                continue;
            }

            if (choice == 1)
            {
                b.Barrier();
                continue;
            }

            var definition = kinds[random.Next(kinds.Length)];
            var qubits = Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(definition.QubitCount).ToArray();
            var angles = Enumerable.Range(0, definition.AngleCount).Select(_ => RandomAngle()).ToArray();
            b.Gate(definition.Kind, qubits, angles);
        }

        b.GlobalPhase(RandomAngle());
        b.MeasureAll();
        return b.Build();
    }

    private static Complex[] RandomSingleQubitUnitary(Random random)
    {
        var u = Spec.U3(random.NextDouble() * 3, (random.NextDouble() * 6) - 3, (random.NextDouble() * 6) - 3);
        return Spec.Scale(u, Complex.Exp(Complex.ImaginaryOne * random.NextDouble() * 6));
    }
}
