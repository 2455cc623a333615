using System.Collections.Immutable;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Circuits;

/// <summary>
/// An immutable quantum circuit: qubits, classical bits, free symbols and an ordered list of
/// operations. Angles refer to symbols by index, so one circuit serves a whole batch of
/// bindings. Construction validates every index, so backends can trust what they receive.
/// </summary>
public sealed class Circuit
{
    /// <summary>More qubits than any index type or simulator here can address.</summary>
    public const int MaxQubits = 4096;

    /// <summary>Creates and validates a circuit.</summary>
    /// <param name="qubitCount">Number of qubits, 0..<see cref="MaxQubits"/>.</param>
    /// <param name="classicalBitCount">Number of classical bits, ≥ 0.</param>
    /// <param name="symbols">The free parameters, with distinct non-empty names; angles refer to them by index.</param>
    /// <param name="operations">The operations in execution order.</param>
    /// <param name="globalPhase">Phase e^{i·globalPhase} on the whole state, in radians.</param>
    /// <param name="name">Optional name for messages.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    /// <exception cref="ArgumentException">A symbol name is empty or repeated, or an operation uses a qubit, bit or symbol
    /// index outside the circuit, or conditions on more than 64 bits.</exception>
    public Circuit(
        int qubitCount,
        int classicalBitCount,
        IEnumerable<Symbol> symbols,
        IEnumerable<Operation> operations,
        Angle globalPhase = default,
        string? name = null)
    {
        if (qubitCount is < 0 or > MaxQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), $"A circuit has 0..{MaxQubits} qubits; got {qubitCount}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(classicalBitCount);
        QubitCount = qubitCount;
        ClassicalBitCount = classicalBitCount;
        Symbols = [.. symbols];
        Operations = [.. operations];
        GlobalPhase = globalPhase;
        Name = name;
        Validate();
    }

    /// <summary>Number of qubits; valid indices are 0..QubitCount-1 and qubit 0 is the least significant bit of a basis-state index.</summary>
    public int QubitCount { get; }

    /// <summary>Number of classical bits; bit 0 is the least significant bit of a measured bitstring value.</summary>
    public int ClassicalBitCount { get; }

    /// <summary>The free parameters; their order is the column order of binding tables.</summary>
    public ImmutableArray<Symbol> Symbols { get; }

    /// <summary>The operations in execution order.</summary>
    public ImmutableArray<Operation> Operations { get; }

    /// <summary>A phase e^{i·GlobalPhase} on the whole state (visible only in the state vector).</summary>
    public Angle GlobalPhase { get; }

    /// <summary>Optional name, used in messages.</summary>
    public string? Name { get; }

    /// <summary>Index of the symbol called <paramref name="name"/>, or -1.</summary>
    public int IndexOfSymbol(string name)
    {
        for (var i = 0; i < Symbols.Length; i++)
        {
            if (Symbols[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when a measurement, reset or classical condition is followed by quantum work,
    /// so the circuit cannot be simulated as one pure state (it needs per-shot trajectories).
    /// A reset of a qubit nothing has touched yet is a no-op on |0⟩ and does not count.</summary>
    public bool HasMidCircuitMeasurement
    {
        get
        {
            var measured = new HashSet<int>();
            var noOpResets = NoOpResets();
            for (var index = 0; index < Operations.Length; index++)
            {
                var operation = Operations[index];
                if (noOpResets[index])
                {
                    continue;
                }

                if (operation.Condition is not null || operation.Kind == OperationKind.Reset)
                {
                    return true;
                }

                if (operation.Kind == OperationKind.Measure)
                {
                    measured.Add(operation.Qubits[0]);
                    continue;
                }

                if (operation.Kind != OperationKind.Barrier && operation.Qubits.Any(measured.Contains))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Marks the unconditioned resets of qubits nothing has touched yet: on |0⟩ they do nothing
    /// (Qiskit's RemoveResetInZeroState). One rule for mid-circuit detection and validation.
    /// </summary>
    internal bool[] NoOpResets()
    {
        var noOp = new bool[Operations.Length];
        var touched = new HashSet<int>();
        for (var index = 0; index < Operations.Length; index++)
        {
            var operation = Operations[index];
            if (operation.Kind == OperationKind.Reset && operation.Condition is null && !touched.Contains(operation.Qubits[0]))
            {
                noOp[index] = true;
            }
            else if (operation.Kind != OperationKind.Barrier)
            {
                touched.UnionWith(operation.Qubits);
            }
        }

        return noOp;
    }

    /// <summary>True when the circuit has at least one measurement.</summary>
    public bool HasMeasurements => Operations.Any(o => o.Kind == OperationKind.Measure);

    /// <summary>The same circuit with other operations (symbols, sizes and name kept).</summary>
    public Circuit WithOperations(IEnumerable<Operation> operations, Angle? globalPhase = null) =>
        new(QubitCount, ClassicalBitCount, Symbols, operations, globalPhase ?? GlobalPhase, Name);

    /// <summary>The circuit without measurements, resets and barriers: the unitary part.</summary>
    public Circuit WithoutNonUnitary() =>
        WithOperations(Operations.Where(o => o.Definition.IsUnitary));

    /// <summary>Binds every symbol to a value, returning a circuit without symbols.</summary>
    public Circuit Bind(ReadOnlySpan<double> values)
    {
        if (values.Length != Symbols.Length)
        {
            throw new ArgumentException($"The circuit has {Symbols.Length} symbol(s); got {values.Length} value(s).", nameof(values));
        }

        var bound = new List<Operation>(Operations.Length);
        foreach (var operation in Operations)
        {
            if (!operation.IsSymbolic)
            {
                bound.Add(operation);
                continue;
            }

            var angles = ImmutableArray.CreateBuilder<Angle>(operation.Angles.Length);
            foreach (var angle in operation.Angles)
            {
                angles.Add(angle.Bind(values));
            }

            bound.Add(operation.WithAngles(angles.MoveToImmutable()));
        }

        return new Circuit(QubitCount, ClassicalBitCount, [], bound, GlobalPhase.Bind(values), Name);
    }

    /// <summary>A one-line summary with the qubit, bit, symbol and operation counts.</summary>
    public override string ToString() =>
        $"{Name ?? "circuit"}: {QubitCount} qubit(s), {ClassicalBitCount} bit(s), {Symbols.Length} symbol(s), {Operations.Length} operation(s)";

    private void Validate()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in Symbols)
        {
            if (string.IsNullOrWhiteSpace(symbol.Name))
            {
                throw new ArgumentException("A symbol needs a non-empty name.");
            }

            if (!names.Add(symbol.Name))
            {
                throw new ArgumentException($"Symbol '{symbol.Name}' is declared twice.");
            }
        }

        CheckAngle(GlobalPhase, "the global phase");
        for (var index = 0; index < Operations.Length; index++)
        {
            var operation = Operations[index];
            foreach (var qubit in operation.Qubits)
            {
                if (qubit >= QubitCount)
                {
                    throw new ArgumentException($"Operation {index} ({operation}) uses qubit {qubit}; the circuit has qubits 0..{QubitCount - 1}.");
                }
            }

            foreach (var bit in operation.ClassicalBits)
            {
                if (bit >= ClassicalBitCount)
                {
                    throw new ArgumentException($"Operation {index} ({operation}) writes bit {bit}; the circuit has bits 0..{ClassicalBitCount - 1}.");
                }
            }

            if (operation.Condition is { } condition)
            {
                foreach (var bit in condition.Bits)
                {
                    if (bit < 0 || bit >= ClassicalBitCount)
                    {
                        throw new ArgumentException($"Operation {index} ({operation}) is conditioned on bit {bit}; the circuit has bits 0..{ClassicalBitCount - 1}.");
                    }
                }

                if (condition.Bits.Length is 0 or > 64)
                {
                    throw new ArgumentException($"Operation {index} ({operation}) has a condition on {condition.Bits.Length} bits; 1..64 are supported.");
                }
            }

            foreach (var angle in operation.Angles)
            {
                if (!IsValid(angle))
                {
                    CheckAngle(angle, $"operation {index} ({operation})");
                }
            }
        }
    }

    private bool IsValid(Angle angle) => angle.MaxSymbol < Symbols.Length && double.IsFinite(angle.Constant);

    private void CheckAngle(Angle angle, string where)
    {
        if (angle.MaxSymbol >= Symbols.Length)
        {
            throw new ArgumentException($"The angle of {where} uses symbol #{angle.MaxSymbol}; the circuit declares {Symbols.Length} symbol(s).");
        }

        if (!double.IsFinite(angle.Constant))
        {
            throw new ArgumentException($"The angle of {where} is not finite ({angle.Constant}).");
        }
    }
}
