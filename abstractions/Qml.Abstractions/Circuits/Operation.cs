using System.Collections.Immutable;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Circuits;

/// <summary>
/// One step of a circuit: a gate with symbolic angles, an arbitrary unitary, a measurement,
/// a reset or a barrier. Operations are plain data; backends decide how to apply them.
/// Create them through the static factories, which validate arity.
/// </summary>
public sealed class Operation : IEquatable<Operation>
{
    private Operation(
        OperationKind kind,
        ImmutableArray<int> qubits,
        ImmutableArray<Angle> angles,
        UnitaryMatrix? matrix,
        ImmutableArray<int> classicalBits,
        ClassicalCondition? condition,
        string? label)
    {
        Kind = kind;
        Qubits = qubits;
        Angles = angles;
        Matrix = matrix;
        ClassicalBits = classicalBits;
        Condition = condition;
        Label = label;
    }

    /// <summary>What the operation is; its arity and angle count are in <see cref="Definition"/>.</summary>
    public OperationKind Kind { get; }

    /// <summary>Qubits in the order the gate's matrix expects (controls first).</summary>
    public ImmutableArray<int> Qubits { get; }

    /// <summary>The gate's angles in radians, in the order of its definition (e.g. θ, φ, λ for U); empty for non-parametric operations.</summary>
    public ImmutableArray<Angle> Angles { get; }

    /// <summary>The matrix of an <see cref="OperationKind.Unitary"/>; null otherwise.</summary>
    public UnitaryMatrix? Matrix { get; }

    /// <summary>The bits a measurement writes (one per qubit); empty otherwise.</summary>
    public ImmutableArray<int> ClassicalBits { get; }

    /// <summary>A classical condition, or null when the operation always runs.</summary>
    public ClassicalCondition? Condition { get; }

    /// <summary>An optional name, e.g. of the user gate a unitary came from.</summary>
    public string? Label { get; }

    /// <summary>The static description (name, qubit and angle count) of <see cref="Kind"/>.</summary>
    public GateDefinition Definition => GateDefinition.Of(Kind);

    /// <summary>True when at least one angle depends on a symbol.</summary>
    public bool IsSymbolic
    {
        get
        {
            foreach (var angle in Angles)
            {
                if (!angle.IsConstant)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A named gate (anything but unitary, measure, reset, barrier).</summary>
    public static Operation Gate(OperationKind kind, ReadOnlySpan<int> qubits, params ReadOnlySpan<Angle> angles)
    {
        var definition = GateDefinition.Of(kind);
        if (!definition.IsUnitary || kind == OperationKind.Unitary)
        {
            throw new ArgumentException($"'{definition.Name}' is not a named gate; use its own factory.", nameof(kind));
        }

        if (qubits.Length != definition.QubitCount)
        {
            throw new ArgumentException($"'{definition.Name}' acts on {definition.QubitCount} qubit(s), got {qubits.Length}.", nameof(qubits));
        }

        if (angles.Length != definition.AngleCount)
        {
            throw new ArgumentException($"'{definition.Name}' takes {definition.AngleCount} angle(s), got {angles.Length}.", nameof(angles));
        }

        return new Operation(kind, CheckQubits(definition.Name, qubits), [.. angles], null, [], null, null);
    }

    /// <summary>An arbitrary unitary on <paramref name="qubits"/> (qubits[0] is bit 0 of the matrix index).</summary>
    public static Operation Unitary(UnitaryMatrix matrix, ReadOnlySpan<int> qubits, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (qubits.Length != matrix.QubitCount)
        {
            throw new ArgumentException($"A {matrix.Dimension}×{matrix.Dimension} unitary acts on {matrix.QubitCount} qubit(s), got {qubits.Length}.", nameof(qubits));
        }

        return new Operation(OperationKind.Unitary, CheckQubits("unitary", qubits), [], matrix, [], null, label);
    }

    /// <summary>A measurement of <paramref name="qubit"/> in the Z basis into <paramref name="classicalBit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative index.</exception>
    public static Operation Measure(int qubit, int classicalBit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classicalBit);
        return new Operation(OperationKind.Measure, CheckQubits("measure", [qubit]), [], null, [classicalBit], null, null);
    }

    /// <summary>A reset of <paramref name="qubit"/> to |0⟩.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative index.</exception>
    public static Operation Reset(int qubit) =>
        new(OperationKind.Reset, CheckQubits("reset", [qubit]), [], null, [], null, null);

    /// <summary>A barrier on <paramref name="qubits"/>; it does not change the state.</summary>
    /// <exception cref="ArgumentException">A qubit is negative or repeated.</exception>
    public static Operation Barrier(ReadOnlySpan<int> qubits) =>
        new(OperationKind.Barrier, CheckQubits("barrier", qubits), [], null, [], null, null);

    /// <summary>The same operation, run only when <paramref name="condition"/> holds.</summary>
    public Operation WithCondition(ClassicalCondition? condition) =>
        new(Kind, Qubits, Angles, Matrix, ClassicalBits, condition, Label);

    /// <summary>The same operation with every angle rewritten.</summary>
    public Operation WithAngles(ImmutableArray<Angle> angles)
    {
        if (angles.Length != Angles.Length)
        {
            throw new ArgumentException($"'{Definition.Name}' takes {Angles.Length} angle(s), got {angles.Length}.", nameof(angles));
        }

        return new(Kind, Qubits, angles, Matrix, ClassicalBits, Condition, Label);
    }

    /// <summary>The same operation on other qubits (and bits), e.g. when composing circuits.</summary>
    public Operation Remap(Func<int, int> qubitMap, Func<int, int>? bitMap = null)
    {
        bitMap ??= static b => b;
        var condition = Condition is null ? null : Condition with { Bits = [.. Condition.Bits.Select(bitMap)] };
        return new(Kind, CheckQubits(Definition.Name, [.. Qubits.Select(qubitMap)]), Angles, Matrix, [.. ClassicalBits.Select(bitMap)], condition, Label);
    }

    /// <summary>Evaluates the angles for one row of symbol values.</summary>
    public void EvaluateAngles(ReadOnlySpan<double> symbolValues, Span<double> destination)
    {
        for (var i = 0; i < Angles.Length; i++)
        {
            destination[i] = Angles[i].Evaluate(symbolValues);
        }
    }

    /// <summary>Structural equality: kind, qubits, angles, matrix, classical bits and condition (not the label).</summary>
    public bool Equals(Operation? other) =>
        other is not null
        && Kind == other.Kind
        && Qubits.SequenceEqual(other.Qubits)
        && Angles.SequenceEqual(other.Angles)
        && Equals(Matrix, other.Matrix)
        && ClassicalBits.SequenceEqual(other.ClassicalBits)
        && Equals(Condition, other.Condition);

    /// <summary>Structural equality; see <see cref="Equals(Operation)"/>.</summary>
    public override bool Equals(object? obj) => Equals(obj as Operation);

    /// <summary>A hash consistent with <see cref="Equals(Operation)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Kind, Qubits.Length > 0 ? Qubits[0] : -1, Angles.Length);

    /// <summary>A readable form such as <c>rx(0.5) q[0]</c> or <c>measure q[1] -> c[1]</c>, for messages and logs.</summary>
    public override string ToString()
    {
        var angles = Angles.Length == 0 ? string.Empty : $"({string.Join(", ", Angles)})";
        var bits = ClassicalBits.Length == 0 ? string.Empty : $" -> c[{string.Join(", ", ClassicalBits)}]";
        return $"{Label ?? Definition.Name}{angles} q[{string.Join(", ", Qubits)}]{bits}";
    }

    private static ImmutableArray<int> CheckQubits(string name, ReadOnlySpan<int> qubits)
    {
        for (var i = 0; i < qubits.Length; i++)
        {
            if (qubits[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(qubits), $"'{name}' got negative qubit index {qubits[i]}.");
            }

            for (var j = 0; j < i; j++)
            {
                if (qubits[i] == qubits[j])
                {
                    throw new ArgumentException($"'{name}' names qubit {qubits[i]} twice; a gate's qubits must be distinct.", nameof(qubits));
                }
            }
        }

        return [.. qubits];
    }
}
