using System.Globalization;
using System.Numerics;

namespace Qml.Qasm.Tests;

/// <summary>Every gate of qelib1.inc and stdgates.inc against a matrix from its specification,
/// global phase included (Qiskit's conventions for u/u3, cu3, crz, rzz, rz, sx).</summary>
public sealed class GateLibraryTests
{
    private const double A = 0.3, B = -1.1, C = 2.2, G = 0.7;
    private const double Pi = Math.PI;

    public static IEnumerable<TestCaseData> Qelib1Gates() => Common().Concat(
    [
        Case("U", [A, B, C], 1, Spec.U3(A, B, C)),
        Case("CX", [], 2, Spec.Controlled(1, Spec.X)),
        Case("u3", [A, B, C], 1, Spec.U3(A, B, C)),
        Case("u2", [B, C], 1, Spec.U3(Pi / 2, B, C)),
        Case("u1", [A], 1, Spec.P(A)),
        Case("u0", [A], 1, Spec.Identity(1)),
        Case("u", [A, B, C], 1, Spec.U3(A, B, C)),
        Case("sxdg", [], 1, Spec.SXdg),
        Case("cu1", [A], 2, Spec.Controlled(1, Spec.P(A))),
        Case("cu3", [A, B, C], 2, Spec.Controlled(1, Spec.U3(A, B, C))),
        Case("csx", [], 2, Spec.Controlled(1, Spec.SX)),
        Case("cu", [A, B, C, G], 2, Spec.Controlled(1, Spec.Scale(Spec.U3(A, B, C), Complex.Exp(Complex.ImaginaryOne * G)))),
        Case("rxx", [A], 2, Spec.RXX(A)),
        Case("rzz", [A], 2, Spec.RZZ(A)),
        Case("rccx", [], 3, Rccx()),
        Case("rc3x", [], 4, Rc3x()),
        Case("c3x", [], 4, Spec.Controlled(3, Spec.X)),
        Case("c3sqrtx", [], 4, Spec.Controlled(3, Spec.SX)),
        Case("c4x", [], 5, Spec.Controlled(4, Spec.X)),
    ]).Select(c => c.SetCategory("qelib1"));

    public static IEnumerable<TestCaseData> StdGates() => Common().Concat(
    [
        Case("U", [A, B, C], 1, Spec.U3(A, B, C)),
        Case("CX", [], 2, Spec.Controlled(1, Spec.X)),
        Case("phase", [A], 1, Spec.P(A)),
        Case("cphase", [A], 2, Spec.Controlled(1, Spec.P(A))),
        Case("u1", [A], 1, Spec.P(A)),
        Case("u2", [B, C], 1, Spec.U3(Pi / 2, B, C)),
        Case("u3", [A, B, C], 1, Spec.U3(A, B, C)),
        Case("cu", [A, B, C, G], 2, Spec.Controlled(1, Spec.Scale(Spec.U3(A, B, C), Complex.Exp(Complex.ImaginaryOne * G)))),
    ]).Select(c => c.SetCategory("stdgates"));

    [TestCaseSource(nameof(Qelib1Gates))]
    public void Qelib1GateMatchesItsSpecification(string name, double[] parameters, int qubits, Complex[] expected) =>
        Check(QasmVersion.V2, name, parameters, qubits, expected);

    [TestCaseSource(nameof(StdGates))]
    public void StdGatesGateMatchesItsSpecification(string name, double[] parameters, int qubits, Complex[] expected) =>
        Check(QasmVersion.V3, name, parameters, qubits, expected);

    [Test]
    public void GphaseIsTheGlobalPhase()
    {
        var circuit = QasmReader.Read("OPENQASM 3.0;\nqubit[1] q;\ngphase(0.25);\n");
        Assert.That(circuit.GlobalPhase.Constant, Is.EqualTo(0.25));
        Assert.That(TestSupport.MaxDifference(TestSupport.Unitary(circuit), Spec.Scale(Spec.Identity(1), Complex.Exp(Complex.ImaginaryOne * 0.25))), Is.LessThan(1e-12));
    }

    private static void Check(QasmVersion version, string name, double[] parameters, int qubits, Complex[] expected)
    {
        var header = version == QasmVersion.V2 ? "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[" : "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[";
        var declaration = version == QasmVersion.V2 ? $"{header}{qubits}];\n" : $"{header}{qubits}] q;\n";
        var arguments = parameters.Length == 0 ? string.Empty : $"({string.Join(", ", parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture)))})";
        var operands = string.Join(", ", Enumerable.Range(0, qubits).Select(i => $"q[{i}]"));
        var circuit = QasmReader.Read($"{declaration}{name}{arguments} {operands};\n");
        var actual = TestSupport.Unitary(circuit);
        Assert.That(TestSupport.MaxDifference(actual, expected), Is.LessThan(1e-10), $"{name}: matrix differs from its specification");
    }

    private static TestCaseData Case(string name, double[] parameters, int qubits, Complex[] expected) =>
        new TestCaseData(name, parameters, qubits, expected).SetName($"{{m}}({name})");

    private static IEnumerable<TestCaseData> Common() =>
    [
        Case("id", [], 1, Spec.Identity(1)),
        Case("x", [], 1, Spec.X),
        Case("y", [], 1, Spec.Y),
        Case("z", [], 1, Spec.Z),
        Case("h", [], 1, Spec.H),
        Case("s", [], 1, Spec.P(Pi / 2)),
        Case("sdg", [], 1, Spec.P(-Pi / 2)),
        Case("t", [], 1, Spec.P(Pi / 4)),
        Case("tdg", [], 1, Spec.P(-Pi / 4)),
        Case("sx", [], 1, Spec.SX),
        Case("p", [A], 1, Spec.P(A)),
        Case("rx", [A], 1, Spec.RX(A)),
        Case("ry", [A], 1, Spec.RY(A)),
        Case("rz", [A], 1, Spec.RZ(A)),
        Case("cx", [], 2, Spec.Controlled(1, Spec.X)),
        Case("cy", [], 2, Spec.Controlled(1, Spec.Y)),
        Case("cz", [], 2, Spec.Controlled(1, Spec.Z)),
        Case("ch", [], 2, Spec.Controlled(1, Spec.H)),
        Case("cp", [A], 2, Spec.Controlled(1, Spec.P(A))),
        Case("crx", [A], 2, Spec.Controlled(1, Spec.RX(A))),
        Case("cry", [A], 2, Spec.Controlled(1, Spec.RY(A))),
        Case("crz", [A], 2, Spec.Controlled(1, Spec.RZ(A))),
        Case("swap", [], 2, Spec.Swap),
        Case("ccx", [], 3, Spec.Controlled(2, Spec.X)),
        Case("cswap", [], 3, Spec.Controlled(1, Spec.Swap)),
    ];

    // The relative-phase Toffolis are defined by their qelib1.inc bodies; compose them here
    // from the spec matrices of u2, u1 and cx.
    private static Complex[] Rccx()
    {
        var h = Spec.U3(Pi / 2, 0, Pi);
        var cx = Spec.Controlled(1, Spec.X);
        return Spec.Sequence(
            3,
            (h, [2]), (Spec.P(Pi / 4), [2]), (cx, [1, 2]), (Spec.P(-Pi / 4), [2]), (cx, [0, 2]),
            (Spec.P(Pi / 4), [2]), (cx, [1, 2]), (Spec.P(-Pi / 4), [2]), (h, [2]));
    }

    private static Complex[] Rc3x()
    {
        var h = Spec.U3(Pi / 2, 0, Pi);
        var cx = Spec.Controlled(1, Spec.X);
        var t = Spec.P(Pi / 4);
        var tdg = Spec.P(-Pi / 4);
        return Spec.Sequence(
            4,
            (h, [3]), (t, [3]), (cx, [2, 3]), (tdg, [3]), (h, [3]), (cx, [0, 3]), (t, [3]), (cx, [1, 3]), (tdg, [3]),
            (cx, [0, 3]), (t, [3]), (cx, [1, 3]), (tdg, [3]), (h, [3]), (t, [3]), (cx, [2, 3]), (tdg, [3]), (h, [3]));
    }
}
