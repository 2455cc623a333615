using System.Numerics;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Circuits;

/// <summary>
/// Builds a <see cref="Circuit"/> fluently. Symbols are declared by name on first use:
/// <c>b.RY(0, b.Input("x0")).RZ(0, b.Weight("w0") * 2)</c>.
/// </summary>
public sealed class CircuitBuilder(int qubitCount, int classicalBitCount = 0, string? name = null)
{
    private readonly List<Symbol> _symbols = [];
    private readonly Dictionary<string, int> _symbolIndex = new(StringComparer.Ordinal);
    private readonly List<Operation> _operations = [];
    private Angle _globalPhase;

    /// <summary>Number of qubits, fixed at construction; valid indices are 0..QubitCount-1 (checked by <see cref="Build"/>).</summary>
    public int QubitCount { get; } = qubitCount;

    /// <summary>Number of classical bits; grows when <see cref="Measure"/> writes a higher bit.</summary>
    public int ClassicalBitCount { get; private set; } = classicalBitCount;

    /// <summary>A data-feature symbol (declared on first use).</summary>
    public Angle Input(string symbolName) => Angle.FromSymbol(Declare(symbolName, SymbolRole.Input));

    /// <summary>A trainable-weight symbol (declared on first use).</summary>
    public Angle Weight(string symbolName) => Angle.FromSymbol(Declare(symbolName, SymbolRole.Weight));

    /// <summary>Declares a symbol and returns its column index; re-declaring with the same role is a no-op.</summary>
    public int Declare(string symbolName, SymbolRole role)
    {
        if (_symbolIndex.TryGetValue(symbolName, out var index))
        {
            if (_symbols[index].Role != role)
            {
                throw new ArgumentException($"Symbol '{symbolName}' is already declared as {_symbols[index].Role}.", nameof(symbolName));
            }

            return index;
        }

        _symbols.Add(new Symbol(symbolName, role));
        _symbolIndex[symbolName] = _symbols.Count - 1;
        return _symbols.Count - 1;
    }

    /// <summary>Appends an operation as is; indices are checked by <see cref="Build"/>.</summary>
    public CircuitBuilder Add(Operation operation)
    {
        _operations.Add(operation);
        return this;
    }

    /// <summary>Appends a named gate; <paramref name="qubits"/> are in the gate's matrix order (controls first).</summary>
    /// <exception cref="ArgumentException">The qubit or angle count does not match <paramref name="kind"/>, a qubit is repeated, or
    /// <paramref name="kind"/> is not a named gate (use <see cref="Unitary"/>, <see cref="Measure"/>, <see cref="Reset"/>, <see cref="Barrier"/>).</exception>
    public CircuitBuilder Gate(OperationKind kind, ReadOnlySpan<int> qubits, params ReadOnlySpan<Angle> angles) =>
        Add(Operation.Gate(kind, qubits, angles));

    /// <summary>Appends an identity on qubit <paramref name="q"/> (kept as an operation, e.g. for timing).</summary>
    public CircuitBuilder I(int q) => Gate(OperationKind.I, [q]);

    /// <summary>Appends Pauli X (bit flip) on qubit <paramref name="q"/>.</summary>
    public CircuitBuilder X(int q) => Gate(OperationKind.X, [q]);

    /// <summary>Appends Pauli Y on qubit <paramref name="q"/>.</summary>
    public CircuitBuilder Y(int q) => Gate(OperationKind.Y, [q]);

    /// <summary>Appends Pauli Z (phase flip) on qubit <paramref name="q"/>.</summary>
    public CircuitBuilder Z(int q) => Gate(OperationKind.Z, [q]);

    /// <summary>Appends a Hadamard on qubit <paramref name="q"/>.</summary>
    public CircuitBuilder H(int q) => Gate(OperationKind.H, [q]);

    /// <summary>Appends S = diag(1, i) on qubit <paramref name="q"/>.</summary>
    public CircuitBuilder S(int q) => Gate(OperationKind.S, [q]);

    /// <summary>Appends S† = diag(1, −i) on qubit <paramref name="q"/>.</summary>
    public CircuitBuilder Sdg(int q) => Gate(OperationKind.Sdg, [q]);

    /// <summary>Appends T = diag(1, e^{iπ/4}) on qubit <paramref name="q"/>.</summary>
    public CircuitBuilder T(int q) => Gate(OperationKind.T, [q]);

    /// <summary>Appends T† = diag(1, e^{−iπ/4}) on qubit <paramref name="q"/>.</summary>
    public CircuitBuilder Tdg(int q) => Gate(OperationKind.Tdg, [q]);

    /// <summary>Appends √X on qubit <paramref name="q"/>.</summary>
    public CircuitBuilder SX(int q) => Gate(OperationKind.SX, [q]);

    /// <summary>Appends RX(θ) = exp(−iθX/2) on qubit <paramref name="q"/>; θ in radians, constant or symbolic.</summary>
    public CircuitBuilder RX(int q, Angle theta) => Gate(OperationKind.RX, [q], theta);

    /// <summary>Appends RY(θ) = exp(−iθY/2) on qubit <paramref name="q"/>; θ in radians, constant or symbolic.</summary>
    public CircuitBuilder RY(int q, Angle theta) => Gate(OperationKind.RY, [q], theta);

    /// <summary>Appends RZ(θ) = exp(−iθZ/2) on qubit <paramref name="q"/>; θ in radians, constant or symbolic.</summary>
    public CircuitBuilder RZ(int q, Angle theta) => Gate(OperationKind.RZ, [q], theta);

    /// <summary>Appends the phase gate diag(1, e^{iλ}) on qubit <paramref name="q"/>; λ in radians.</summary>
    public CircuitBuilder P(int q, Angle lambda) => Gate(OperationKind.P, [q], lambda);

    /// <summary>Appends the general 1-qubit gate U(θ, φ, λ) (OpenQASM 3 / Qiskit u3 convention) on qubit <paramref name="q"/>.</summary>
    public CircuitBuilder U(int q, Angle theta, Angle phi, Angle lambda) => Gate(OperationKind.U, [q], theta, phi, lambda);

    /// <summary>Appends a CNOT: flips <paramref name="target"/> when <paramref name="control"/> is 1.</summary>
    public CircuitBuilder CX(int control, int target) => Gate(OperationKind.CX, [control, target]);

    /// <summary>Appends a controlled Y on <paramref name="target"/>.</summary>
    public CircuitBuilder CY(int control, int target) => Gate(OperationKind.CY, [control, target]);

    /// <summary>Appends a controlled Z (symmetric in its two qubits).</summary>
    public CircuitBuilder CZ(int control, int target) => Gate(OperationKind.CZ, [control, target]);

    /// <summary>Appends a controlled Hadamard on <paramref name="target"/>.</summary>
    public CircuitBuilder CH(int control, int target) => Gate(OperationKind.CH, [control, target]);

    /// <summary>Appends a controlled RX(θ) on <paramref name="target"/>; θ in radians.</summary>
    public CircuitBuilder CRX(int control, int target, Angle theta) => Gate(OperationKind.CRX, [control, target], theta);

    /// <summary>Appends a controlled RY(θ) on <paramref name="target"/>; θ in radians.</summary>
    public CircuitBuilder CRY(int control, int target, Angle theta) => Gate(OperationKind.CRY, [control, target], theta);

    /// <summary>Appends a controlled RZ(θ) on <paramref name="target"/>; θ in radians.</summary>
    public CircuitBuilder CRZ(int control, int target, Angle theta) => Gate(OperationKind.CRZ, [control, target], theta);

    /// <summary>Appends a controlled phase diag(1, 1, 1, e^{iλ}); λ in radians.</summary>
    public CircuitBuilder CP(int control, int target, Angle lambda) => Gate(OperationKind.CP, [control, target], lambda);

    /// <summary>Appends a SWAP of qubits <paramref name="a"/> and <paramref name="b"/>.</summary>
    public CircuitBuilder Swap(int a, int b) => Gate(OperationKind.Swap, [a, b]);

    /// <summary>Appends RXX(θ) = exp(−iθ X⊗X/2) on qubits <paramref name="a"/>, <paramref name="b"/>.</summary>
    public CircuitBuilder RXX(int a, int b, Angle theta) => Gate(OperationKind.RXX, [a, b], theta);

    /// <summary>Appends RYY(θ) = exp(−iθ Y⊗Y/2) on qubits <paramref name="a"/>, <paramref name="b"/>.</summary>
    public CircuitBuilder RYY(int a, int b, Angle theta) => Gate(OperationKind.RYY, [a, b], theta);

    /// <summary>Appends RZZ(θ) = exp(−iθ Z⊗Z/2) on qubits <paramref name="a"/>, <paramref name="b"/>.</summary>
    public CircuitBuilder RZZ(int a, int b, Angle theta) => Gate(OperationKind.RZZ, [a, b], theta);

    /// <summary>Appends a Toffoli: flips <paramref name="target"/> when both controls are 1.</summary>
    public CircuitBuilder CCX(int control0, int control1, int target) => Gate(OperationKind.CCX, [control0, control1, target]);

    /// <summary>Appends a Fredkin: swaps <paramref name="a"/> and <paramref name="b"/> when <paramref name="control"/> is 1.</summary>
    public CircuitBuilder CSwap(int control, int a, int b) => Gate(OperationKind.CSwap, [control, a, b]);

    /// <summary>Appends an arbitrary unitary given by its 4^k row-major entries; <paramref name="qubits"/>[0] is bit 0
    /// (least significant) of the matrix row/column index.</summary>
    /// <exception cref="ArgumentException">The entries are not a unitary on 1..<see cref="UnitaryMatrix.MaxQubits"/> qubits,
    /// or their qubit count differs from <paramref name="qubits"/>.</exception>
    public CircuitBuilder Unitary(IEnumerable<Complex> rowMajor, params ReadOnlySpan<int> qubits) =>
        Add(Operation.Unitary(new UnitaryMatrix(rowMajor), qubits));

    /// <summary>Measures a qubit into a bit, growing the classical register when needed.</summary>
    public CircuitBuilder Measure(int qubit, int bit)
    {
        ClassicalBitCount = Math.Max(ClassicalBitCount, bit + 1);
        return Add(Operation.Measure(qubit, bit));
    }

    /// <summary>Measures every qubit i into bit i.</summary>
    public CircuitBuilder MeasureAll()
    {
        for (var q = 0; q < QubitCount; q++)
        {
            Measure(q, q);
        }

        return this;
    }

    /// <summary>Appends a reset of <paramref name="qubit"/> to |0⟩.</summary>
    public CircuitBuilder Reset(int qubit) => Add(Operation.Reset(qubit));

    /// <summary>Appends a barrier on <paramref name="qubits"/>, or on every qubit when none are given.</summary>
    public CircuitBuilder Barrier(params ReadOnlySpan<int> qubits) =>
        Add(Operation.Barrier(qubits.IsEmpty ? [.. Enumerable.Range(0, QubitCount)] : qubits));

    /// <summary>Adds <paramref name="phase"/> (radians, may be symbolic) to the circuit's global phase e^{i·phase}.</summary>
    public CircuitBuilder GlobalPhase(Angle phase)
    {
        _globalPhase += phase;
        return this;
    }

    /// <summary>Creates the immutable circuit from everything appended so far; the builder stays usable.</summary>
    /// <exception cref="ArgumentException">An operation uses a qubit ≥ <see cref="QubitCount"/> or a bit ≥ <see cref="ClassicalBitCount"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="QubitCount"/> is outside 0..<see cref="Circuit.MaxQubits"/>.</exception>
    public Circuit Build() => new(QubitCount, ClassicalBitCount, _symbols, _operations, _globalPhase, name);
}
