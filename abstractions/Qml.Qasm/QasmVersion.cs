namespace Qml.Qasm;

/// <summary>The OpenQASM language version a writer produces.</summary>
public enum QasmVersion
{
    /// <summary>OpenQASM 2.0 with qelib1.inc, as Qiskit reads and writes it.</summary>
    V2,

    /// <summary>OpenQASM 3.0 with stdgates.inc and <c>input float[64]</c> parameters.</summary>
    V3,
}
