namespace Qml.Abstractions.Gates;

/// <summary>
/// Every operation a circuit can hold. Multi-qubit matrices use Qiskit's little-endian order:
/// bit j of a matrix row/column index is the state of the operation's j-th qubit, so for a
/// controlled gate on qubits <c>[control, target]</c> the control is bit 0.
/// </summary>
public enum OperationKind
{
    /// <summary>Identity (id); kept as an operation.</summary>
    I,

    /// <summary>Pauli X (bit flip).</summary>
    X,

    /// <summary>Pauli Y.</summary>
    Y,

    /// <summary>Pauli Z (phase flip).</summary>
    Z,

    /// <summary>Hadamard.</summary>
    H,

    /// <summary>diag(1, i).</summary>
    S,

    /// <summary>S† = diag(1, −i).</summary>
    Sdg,

    /// <summary>diag(1, e^{iπ/4}).</summary>
    T,

    /// <summary>T† = diag(1, e^{−iπ/4}).</summary>
    Tdg,

    /// <summary>√X.</summary>
    SX,

    /// <summary>(√X)†.</summary>
    SXdg,

    /// <summary>exp(-iθX/2).</summary>
    RX,

    /// <summary>exp(-iθY/2).</summary>
    RY,

    /// <summary>exp(-iθZ/2).</summary>
    RZ,

    /// <summary>diag(1, e^{iλ}); OpenQASM's p and u1.</summary>
    P,

    /// <summary>U(θ, φ, λ) as OpenQASM 3 defines it (Qiskit's u / u3).</summary>
    U,

    /// <summary>CNOT on <c>[control, target]</c>.</summary>
    CX,

    /// <summary>Controlled Y on <c>[control, target]</c>.</summary>
    CY,

    /// <summary>Controlled Z on <c>[control, target]</c> (symmetric).</summary>
    CZ,

    /// <summary>Controlled Hadamard on <c>[control, target]</c>.</summary>
    CH,

    /// <summary>Controlled RX(θ) on <c>[control, target]</c>.</summary>
    CRX,

    /// <summary>Controlled RY(θ) on <c>[control, target]</c>.</summary>
    CRY,

    /// <summary>Controlled RZ(θ) on <c>[control, target]</c>.</summary>
    CRZ,

    /// <summary>Controlled phase diag(1, 1, 1, e^{iλ}).</summary>
    CP,

    /// <summary>Exchanges two qubits.</summary>
    Swap,

    /// <summary>iSWAP: exchanges |01⟩ and |10⟩ with a phase i.</summary>
    ISwap,

    /// <summary>exp(-iθ X⊗X/2).</summary>
    RXX,

    /// <summary>exp(-iθ Y⊗Y/2).</summary>
    RYY,

    /// <summary>exp(-iθ Z⊗Z/2).</summary>
    RZZ,

    /// <summary>Toffoli on <c>[control0, control1, target]</c>.</summary>
    CCX,

    /// <summary>Fredkin on <c>[control, a, b]</c>.</summary>
    CSwap,

    /// <summary>An arbitrary unitary given by <see cref="Circuits.Operation.Matrix"/>.</summary>
    Unitary,

    /// <summary>Measures one qubit into one classical bit.</summary>
    Measure,

    /// <summary>Resets one qubit to |0⟩.</summary>
    Reset,

    /// <summary>An optimisation fence with no effect on the state.</summary>
    Barrier,
}
