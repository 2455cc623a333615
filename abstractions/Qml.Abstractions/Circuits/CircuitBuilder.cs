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

    public int QubitCount { get; } = qubitCount;

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

    public CircuitBuilder Add(Operation operation)
    {
        _operations.Add(operation);
        return this;
    }

    public CircuitBuilder Gate(OperationKind kind, ReadOnlySpan<int> qubits, params ReadOnlySpan<Angle> angles) =>
        Add(Operation.Gate(kind, qubits, angles));

    public CircuitBuilder I(int q) => Gate(OperationKind.I, [q]);

    public CircuitBuilder X(int q) => Gate(OperationKind.X, [q]);

    public CircuitBuilder Y(int q) => Gate(OperationKind.Y, [q]);

    public CircuitBuilder Z(int q) => Gate(OperationKind.Z, [q]);

    public CircuitBuilder H(int q) => Gate(OperationKind.H, [q]);

    public CircuitBuilder S(int q) => Gate(OperationKind.S, [q]);

    public CircuitBuilder Sdg(int q) => Gate(OperationKind.Sdg, [q]);

    public CircuitBuilder T(int q) => Gate(OperationKind.T, [q]);

    public CircuitBuilder Tdg(int q) => Gate(OperationKind.Tdg, [q]);

    public CircuitBuilder SX(int q) => Gate(OperationKind.SX, [q]);

    public CircuitBuilder RX(int q, Angle theta) => Gate(OperationKind.RX, [q], theta);

    public CircuitBuilder RY(int q, Angle theta) => Gate(OperationKind.RY, [q], theta);

    public CircuitBuilder RZ(int q, Angle theta) => Gate(OperationKind.RZ, [q], theta);

    public CircuitBuilder P(int q, Angle lambda) => Gate(OperationKind.P, [q], lambda);

    public CircuitBuilder U(int q, Angle theta, Angle phi, Angle lambda) => Gate(OperationKind.U, [q], theta, phi, lambda);

    public CircuitBuilder CX(int control, int target) => Gate(OperationKind.CX, [control, target]);

    public CircuitBuilder CY(int control, int target) => Gate(OperationKind.CY, [control, target]);

    public CircuitBuilder CZ(int control, int target) => Gate(OperationKind.CZ, [control, target]);

    public CircuitBuilder CH(int control, int target) => Gate(OperationKind.CH, [control, target]);

    public CircuitBuilder CRX(int control, int target, Angle theta) => Gate(OperationKind.CRX, [control, target], theta);

    public CircuitBuilder CRY(int control, int target, Angle theta) => Gate(OperationKind.CRY, [control, target], theta);

    public CircuitBuilder CRZ(int control, int target, Angle theta) => Gate(OperationKind.CRZ, [control, target], theta);

    public CircuitBuilder CP(int control, int target, Angle lambda) => Gate(OperationKind.CP, [control, target], lambda);

    public CircuitBuilder Swap(int a, int b) => Gate(OperationKind.Swap, [a, b]);

    public CircuitBuilder RXX(int a, int b, Angle theta) => Gate(OperationKind.RXX, [a, b], theta);

    public CircuitBuilder RYY(int a, int b, Angle theta) => Gate(OperationKind.RYY, [a, b], theta);

    public CircuitBuilder RZZ(int a, int b, Angle theta) => Gate(OperationKind.RZZ, [a, b], theta);

    public CircuitBuilder CCX(int control0, int control1, int target) => Gate(OperationKind.CCX, [control0, control1, target]);

    public CircuitBuilder CSwap(int control, int a, int b) => Gate(OperationKind.CSwap, [control, a, b]);

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

    public CircuitBuilder Reset(int qubit) => Add(Operation.Reset(qubit));

    public CircuitBuilder Barrier(params ReadOnlySpan<int> qubits) =>
        Add(Operation.Barrier(qubits.IsEmpty ? [.. Enumerable.Range(0, QubitCount)] : qubits));

    public CircuitBuilder GlobalPhase(Angle phase)
    {
        _globalPhase += phase;
        return this;
    }

    public Circuit Build() => new(QubitCount, ClassicalBitCount, _symbols, _operations, _globalPhase, name);
}
