namespace Qml.Abstractions.Gates;

/// <summary>
/// Every operation a circuit can hold. Multi-qubit matrices use Qiskit's little-endian order:
/// bit j of a matrix row/column index is the state of the operation's j-th qubit, so for a
/// controlled gate on qubits <c>[control, target]</c> the control is bit 0.
/// </summary>
public enum OperationKind
{
    I,
    X,
    Y,
    Z,
    H,
    S,
    Sdg,
    T,
    Tdg,
    SX,
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
    CX,
    CY,
    CZ,
    CH,
    CRX,
    CRY,
    CRZ,

    /// <summary>Controlled phase diag(1, 1, 1, e^{iλ}).</summary>
    CP,
    Swap,
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
