using System.Numerics;
using Qml.Abstractions.Gates;

namespace Qml.Qasm.Tests;

/// <summary>OpenQASM 3 modifiers against matrices built from the specification.</summary>
public sealed class ModifierTests
{
    private const double A = 0.3, B = -1.1, C = 2.2;
    private const string Header = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";

    public static IEnumerable<TestCaseData> Cases() =>
    [
        Case("ctrl @ U(0.3, -1.1, 2.2) q[0], q[1];", 2, Spec.Controlled(1, Spec.U3(A, B, C))),
        Case("ctrl(2) @ h q[0], q[1], q[2];", 3, Spec.Controlled(2, Spec.H)),
        Case("ctrl @ ctrl @ x q[0], q[1], q[2];", 3, Spec.Controlled(2, Spec.X)),
        Case("ctrl @ cy q[0], q[1], q[2];", 3, Spec.Controlled(2, Spec.Y)),
        Case("ctrl(3) @ x q[0], q[1], q[2], q[3];", 4, Spec.Controlled(3, Spec.X)),
        Case("negctrl @ x q[0], q[1];", 2, Spec.Sequence(2, (Spec.X, [0]), (Spec.Controlled(1, Spec.X), [0, 1]), (Spec.X, [0]))),
        Case("inv @ rx(0.3) q[0];", 1, Spec.RX(-A)),
        Case("inv @ U(0.3, -1.1, 2.2) q[0];", 1, Adjoint(Spec.U3(A, B, C))),
        Case("pow(3) @ t q[0];", 1, Spec.P(3 * Math.PI / 4)),
        Case("pow(-2) @ sx q[0];", 1, Spec.Multiply(Spec.SXdg, Spec.SXdg)),
        Case("ctrl @ gphase(0.3) q[0];", 1, Spec.P(A)),
        Case("ctrl @ sx q[0], q[1];", 2, Spec.Controlled(1, Spec.SX)),
        Case("inv @ ctrl @ sx q[0], q[1];", 2, Spec.Controlled(1, Spec.SXdg)),
        Case("ctrl @ s q[0], q[1];", 2, Spec.Controlled(1, Spec.P(Math.PI / 2))),
        Case("ctrl @ swap q[0], q[1], q[2];", 3, Spec.Controlled(1, Spec.Swap)),
        Case("gate g(a) x, y { rx(a) x; cx x, y; gphase(a / 2); }\nctrl @ g(0.3) q[0], q[1], q[2];", 3,
            Spec.Controlled(1, Spec.Scale(Spec.Sequence(2, (Spec.RX(A), [0]), (Spec.Controlled(1, Spec.X), [0, 1])), Complex.Exp(Complex.ImaginaryOne * A / 2)))),
    ];

    [TestCaseSource(nameof(Cases))]
    public void ModifierMatchesItsSpecification(string statement, int qubits, Complex[] expected)
    {
        var circuit = QasmReader.Read($"{Header}qubit[{qubits}] q;\n{statement}\n");
        Assert.That(TestSupport.MaxDifference(TestSupport.Unitary(circuit), expected), Is.LessThan(1e-10));
    }

    [Test]
    public void ControlledSymbolicGateStaysAffine()
    {
        var circuit = QasmReader.Read($"{Header}input float[64] theta;\nqubit[2] q;\nctrl @ U(theta, -1.1, 2 * theta) q[0], q[1];\ninv @ rx(theta + 1) q[1];\n");
        Assert.That(circuit.Operations.Any(o => o.Kind == OperationKind.Unitary), Is.False);
        Assert.That(circuit.Operations.Any(o => o.IsSymbolic), Is.True);
        var bound = circuit.Bind([A]);
        var expected = Spec.Multiply(Spec.Embed(2, Spec.RX(-(A + 1)), [1]), Spec.Controlled(1, Spec.U3(A, B, 2 * A)));
        Assert.That(TestSupport.MaxDifference(TestSupport.Unitary(bound), expected), Is.LessThan(1e-10));
    }

    [Test]
    public void ControlledNamedGatesBecomeControlledKinds()
    {
        var circuit = QasmReader.Read($"{Header}input float[64] phi0;\nqubit[3] q;\nctrl @ rz(phi0) q[0], q[1];\nctrl @ p(phi0) q[0], q[1];\nctrl @ cx q[0], q[1], q[2];\nctrl @ h q[2], q[0];\n");
        Assert.That(circuit.Operations.Select(o => o.Kind), Is.EqualTo(new[] { OperationKind.CRZ, OperationKind.CP, OperationKind.CCX, OperationKind.CH }));
    }

    private static Complex[] Adjoint(Complex[] m) => [Complex.Conjugate(m[0]), Complex.Conjugate(m[2]), Complex.Conjugate(m[1]), Complex.Conjugate(m[3])];

    private static TestCaseData Case(string statement, int qubits, Complex[] expected) =>
        new TestCaseData(statement, qubits, expected).SetName($"{{m}}({statement.Split('\n')[^1]})");
}
