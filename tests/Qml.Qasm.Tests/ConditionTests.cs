using Qml.Abstractions.Gates;

namespace Qml.Qasm.Tests;

public sealed class ConditionTests
{
    [Test]
    public void IfBecomesAConditionOverTheRegisterBits()
    {
        const string source = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg a[1];\ncreg c[2];\nmeasure q[0] -> c[1];\nif (c == 2) cx q[0], q[1];\nif (c == 1) measure q[1] -> a[0];\n";
        var circuit = QasmReader.Read(source);
        var conditioned = circuit.Operations.Where(o => o.Condition is not null).ToArray();
        Assert.That(conditioned, Has.Length.EqualTo(2));
        Assert.That(conditioned[0].Kind, Is.EqualTo(OperationKind.CX));
        Assert.That(conditioned[0].Condition!.Bits, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(conditioned[0].Condition!.Value, Is.EqualTo(2UL));
        Assert.That(conditioned[1].Kind, Is.EqualTo(OperationKind.Measure));
    }

    [Test]
    public void ConditionsOnTheWholeRegisterRoundTripThroughOpenQasm2()
    {
        const string source = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\nmeasure q[0] -> c[0];\nif (c == 1) x q[1];\n";
        var circuit = QasmReader.Read(source);
        var reread = QasmReader.Read(QasmWriter.Write(circuit, QasmVersion.V2));
        Assert.That(reread.Operations, Is.EqualTo(circuit.Operations));
        Assert.Throws<Abstractions.QmlException>(() => QasmWriter.Write(circuit, QasmVersion.V3));
    }
}
