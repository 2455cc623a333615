namespace Qml.Qasm.Tests;

/// <summary>Malformed programs: each error names the file, the exact line and column, and what was expected.</summary>
public sealed class ErrorTests
{
    // Lines 1-4 of every OpenQASM 2 case; the error is on line 5 or later.
    private const string V2 = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\n";

    // Lines 1-4 of every OpenQASM 3 case.
    private const string V3 = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] c;\n";

    public static IEnumerable<TestCaseData> Cases() =>
    [
        Case("undefined gate", V2 + "foo q[0];\n", 5, 1, "undefined gate 'foo'"),
        Case("undefined register", V2 + "h r[0];\n", 5, 3, "undefined quantum register 'r'"),
        Case("too few qubits", V2 + "cx q[0];\n", 5, 1, "gate 'cx' acts on 2 qubit(s); got 1"),
        Case("too many parameters", V2 + "rx(0.1, 0.2) q[0];\n", 5, 1, "gate 'rx' takes 1 parameter(s); got 2"),
        Case("index out of range", V2 + "h q[2];\n", 5, 5, "index 2 is out of range for register 'q' of size 2; expected 0..1"),
        Case("duplicate register", V2 + "qreg q[3];\n", 5, 6, "duplicate declaration: 'q' is already declared at <test>:3:6"),
        Case("duplicate gate", V2 + "gate h a { x a; }\n", 5, 6, "duplicate declaration: 'h' is already declared by qelib1.inc"),
        Case("missing include", V2 + "include \"nothere.inc\";\n", 5, 1, "include file 'nothere.inc' not found"),
        Case("recursive gate", V2 + "gate g a { h a; g a; }\n", 5, 17, "recursive gate definition: 'g' cannot apply itself"),
        Case("bad version", "OPENQASM 4.0;\nqreg q[1];\n", 1, 10, "unsupported OpenQASM version '4.0'; expected 2.0 or 3.0"),
        Case("missing semicolon", V2 + "h q[0]\nx q[1];\n", 6, 1, "expected ',' or ';', found 'x'"),
        Case("unterminated comment", V2 + "h q[0]; /* never\nclosed\n", 5, 9, "unterminated comment: expected '*/'"),
        Case("unexpected character", V2 + "h q[0]; ?\n", 5, 9, "unexpected character '?'"),
        Case("repeated qubit", V2 + "cx q[0], q[0];\n", 5, 10, "qubit q[0] is used twice in one application of 'cx'"),
        Case("broadcast sizes", V2 + "qreg r[3];\ncx q, r;\n", 6, 7, "register 'r' has size 3 but 'q' has size 2"),
        Case("opaque applied", V2 + "opaque magic a;\nmagic q[0];\n", 6, 1, "gate 'magic' is opaque (declared without a body) and cannot be applied"),
        Case("measure sizes", V2 + "measure q -> c[0];\n", 5, 1, "measure needs a qubit and a bit, or two registers of equal size"),
        Case("classical register as qubit", V2 + "h c[0];\n", 5, 3, "'c' is a classical register; expected a qubit register"),
        Case("register size zero", V2 + "qreg r[0];\n", 5, 8, "register size 0 is out of range; expected an integer in 1..4096"),
        Case("undefined identifier", V2 + "rx(theta) q[0];\n", 5, 4, "undefined identifier 'theta'; expected a number, pi"),
        Case("unterminated gate body", V2 + "gate g a {\n  h a;\n", 7, 1, "expected '}' to close the body of gate 'g', found end of file"),
        Case("undefined qubit in body", V2 + "gate g a { h b; }\n", 5, 14, "undefined qubit 'b' in gate 'g'; expected one of a"),
        Case("barrier under if", V2 + "if (c == 1) barrier q;\n", 5, 13, "expected a gate, measure or reset after the condition"),
        Case("version not first", V2 + "OPENQASM 2.0;\n", 5, 1, "the version statement must be the first statement"),
        Case("missing qelib1", "OPENQASM 2.0;\nqreg q[1];\nh q[0];\n", 3, 1, "undefined gate 'h' (it is in qelib1.inc: add include \"qelib1.inc\";)"),
        Case("v3 for loop", V3 + "for int i in [0:2] { x q[0]; }\n", 5, 1, "not supported: 'for' loops"),
        Case("v3 if", V3 + "if (c[0]) x q[0];\n", 5, 1, "not supported: classical control flow ('if')"),
        Case("v3 def", V3 + "def f(qubit a) { x a; }\n", 5, 1, "not supported: subroutines ('def')"),
        Case("v3 delay", V3 + "delay[100ns] q[0];\n", 5, 1, "not supported: timing ('delay')"),
        Case("v3 classical variable", V3 + "float[64] x = 1.0;\n", 5, 1, "not supported: classical variables ('float' declarations)"),
        Case("v3 nonlinear input", V3 + "input float[64] theta;\nrx(sin(theta)) q[0];\n", 6, 4, "input parameter 'theta' is used non-linearly (inside sin()); angles must stay affine"),
        Case("v3 product of inputs", V3 + "input float[64] a;\nrx(a * a) q[0];\n", 6, 6, "input parameter 'a' is used non-linearly (a product of two parameter expressions)"),
        Case("v3 nonlinear through gate", V3 + "input float[64] a;\ngate g(t) r { rx(cos(t)) r; }\ng(a) q[0];\n", 6, 18, "input parameter 'a' is used non-linearly (inside cos())"),
        Case("v3 input inside gate", V3 + "input float[64] a;\ngate g r { rx(a) r; }\n", 6, 15, "input 'a' cannot be used inside a gate definition"),
        Case("v3 non-integer pow", V3 + "pow(0.5) @ x q[0];\n", 5, 1, "not supported: pow(0.5) @ with a non-integer exponent"),
        Case("v3 slices", V3 + "h q[0:1];\n", 5, 6, "not supported: register slices (a:b)"),
        Case("v3 xor", V3 + "rx(2 ^ 3) q[0];\n", 5, 6, "not supported: '^' (bitwise xor) in OpenQASM 3"),
        Case("v3 const of input", V3 + "input float[64] a;\nconst float[64] b = 2 * a;\n", 6, 21, "const 'b' must be a compile-time constant"),
        Case("unterminated string", V2 + "include \"qelib1.inc;\n", 5, 9, "unterminated string"),
        Case("malformed number", V2 + "rx(1.5x) q[0];\n", 5, 4, "malformed number '1.5x'"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void ErrorNamesFileLineColumnAndExpectation(string source, int line, int column, string message)
    {
        var error = Assert.Throws<QasmException>(() => QasmReader.Read(source, "<test>"));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Reason, Does.Contain(message));
            Assert.That((error.Line, error.Column), Is.EqualTo((line, column)), error.Message);
            Assert.That(error.File, Is.EqualTo("<test>"));
            Assert.That(error.Message, Does.StartWith($"<test>:{line}:{column}: "));
        });
    }

    [Test]
    public void TooManyQubitsIsRefusedAtTheDeclaration()
    {
        var options = new QasmReaderOptions { MaxQubits = 4 };
        var error = Assert.Throws<QasmException>(() => QasmReader.Read(V2 + "qreg r[3];\n", "<test>", options));
        Assert.That(error!.Reason, Does.Contain("the program declares 5 qubits; the limit is 4"));
        Assert.That((error.Line, error.Column), Is.EqualTo((5, 6)));
    }

    [Test]
    public void ExponentialGateIsStoppedBeforeExpanding()
    {
        var text = new System.Text.StringBuilder(V2 + "gate g0 a { x a; }\n");
        for (var i = 1; i <= 40; i++)
        {
            text.Append($"gate g{i} a {{ g{i - 1} a; g{i - 1} a; }}\n");
        }

        text.Append("g40 q[0];\n");
        var error = Assert.Throws<QasmException>(() => QasmReader.Read(text.ToString(), "<test>"));
        Assert.That(error!.Reason, Does.Contain("expands to more than"));
        Assert.That(error.Line, Is.EqualTo(46));
    }

    [Test]
    public void DeepExpressionsAreRefused()
    {
        var source = V2 + "rx(" + new string('(', 100_000) + "1" + new string(')', 100_000) + ") q[0];\n";
        var error = Assert.Throws<QasmException>(() => QasmReader.Read(source, "<test>"));
        Assert.That(error!.Reason, Does.Contain("expression nested more than"));
    }

    [Test]
    public void DeeplyNestedGateDefinitionsAreRefused()
    {
        var text = new System.Text.StringBuilder(V2 + "gate g0 a { x a; }\n");
        for (var i = 1; i <= 100; i++)
        {
            text.Append($"gate g{i} a {{ g{i - 1} a; }}\n");
        }

        var error = Assert.Throws<QasmException>(() => QasmReader.Read(text.ToString(), "<test>"));
        Assert.That(error!.Reason, Does.Contain("nest more than 64 levels"));
    }

    [Test]
    public void IncludesResolveRelativeToTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("qasm-include");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "mine.inc"), "gate flip a { x a; }\n");
            File.WriteAllText(Path.Combine(directory.FullName, "main.qasm"), V2 + "include \"mine.inc\";\nflip q[1];\n");
            File.WriteAllText(Path.Combine(directory.FullName, "self.qasm"), "OPENQASM 2.0;\ninclude \"self.qasm\";\n");
            var circuit = QasmReader.ReadFile(Path.Combine(directory.FullName, "main.qasm"));
            Assert.That(TestSupport.Probabilities(circuit)[2], Is.EqualTo(1.0).Within(1e-12));

            var error = Assert.Throws<QasmException>(() => QasmReader.ReadFile(Path.Combine(directory.FullName, "self.qasm")));
            Assert.That(error!.Reason, Does.Contain("includes nested more than"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void ErrorsInIncludedFilesNameThatFile()
    {
        var directory = Directory.CreateTempSubdirectory("qasm-include");
        try
        {
            var include = Path.Combine(directory.FullName, "bad.inc");
            File.WriteAllText(include, "gate ok a { x a; }\n\ngate bad a { nope a; }\n");
            File.WriteAllText(Path.Combine(directory.FullName, "main.qasm"), V2 + "include \"bad.inc\";\n");
            var error = Assert.Throws<QasmException>(() => QasmReader.ReadFile(Path.Combine(directory.FullName, "main.qasm")));
            Assert.That((error!.File, error.Line, error.Column), Is.EqualTo((include, 3, 14)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static TestCaseData Case(string name, string source, int line, int column, string message) =>
        new TestCaseData(source, line, column, message).SetName($"{{m}}({name})");
}
