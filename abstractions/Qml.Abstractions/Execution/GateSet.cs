using System.Collections.Immutable;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Execution;

/// <summary>
/// The operations a backend applies natively. <see cref="Decomposition.CircuitDecomposer"/>
/// rewrites anything else in terms of these; every set must contain U and CX, which every
/// named gate reduces to.
/// </summary>
public sealed record GateSet
{
    public GateSet(IEnumerable<OperationKind> kinds, int maxUnitaryQubits = 0)
    {
        Kinds = [.. kinds, OperationKind.Barrier];
        if (!Kinds.Contains(OperationKind.U) || !Kinds.Contains(OperationKind.CX))
        {
            throw new ArgumentException("A native gate set must contain U and CX: every named gate decomposes to them.", nameof(kinds));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxUnitaryQubits);
        MaxUnitaryQubits = Kinds.Contains(OperationKind.Unitary) ? maxUnitaryQubits : 0;
    }

    /// <summary>Every operation kind, with unitaries up to <see cref="Circuits.UnitaryMatrix.MaxQubits"/> qubits.</summary>
    public static GateSet All { get; } = new(Enum.GetValues<OperationKind>(), Circuits.UnitaryMatrix.MaxQubits);

    /// <summary>The minimal universal set U + CX, with measure and reset.</summary>
    public static GateSet Basic { get; } = new([OperationKind.U, OperationKind.CX, OperationKind.Measure, OperationKind.Reset]);

    public ImmutableHashSet<OperationKind> Kinds { get; }

    /// <summary>Widest <see cref="OperationKind.Unitary"/> applied natively (0: none).</summary>
    public int MaxUnitaryQubits { get; }

    public bool Contains(OperationKind kind) => Kinds.Contains(kind);

    public bool Equals(GateSet? other) =>
        other is not null && MaxUnitaryQubits == other.MaxUnitaryQubits && Kinds.SetEquals(other.Kinds);

    public override int GetHashCode() => HashCode.Combine(Kinds.Count, MaxUnitaryQubits);

    public override string ToString() =>
        string.Join(' ', Kinds.OrderBy(k => k).Select(k => GateDefinition.Of(k).Name))
        + (MaxUnitaryQubits > 0 ? $" (unitary ≤ {MaxUnitaryQubits}q)" : string.Empty);
}
