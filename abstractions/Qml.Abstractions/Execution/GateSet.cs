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
    /// <summary>Creates a gate set; <see cref="OperationKind.Barrier"/> is always added.</summary>
    /// <param name="kinds">The native operations; must include <see cref="OperationKind.U"/> and <see cref="OperationKind.CX"/>.</param>
    /// <param name="maxUnitaryQubits">Widest unitary applied natively; ignored (0) unless <paramref name="kinds"/> has <see cref="OperationKind.Unitary"/>.</param>
    /// <exception cref="ArgumentException">U or CX is missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxUnitaryQubits"/> is negative.</exception>
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

    /// <summary>The native operation kinds, always including U, CX and Barrier.</summary>
    public ImmutableHashSet<OperationKind> Kinds { get; }

    /// <summary>Widest <see cref="OperationKind.Unitary"/> applied natively (0: none).</summary>
    public int MaxUnitaryQubits { get; }

    /// <summary>True when <paramref name="kind"/> is native (for unitaries, also check <see cref="MaxUnitaryQubits"/>).</summary>
    public bool Contains(OperationKind kind) => Kinds.Contains(kind);

    /// <summary>Same kinds and the same <see cref="MaxUnitaryQubits"/>.</summary>
    public bool Equals(GateSet? other) =>
        other is not null && MaxUnitaryQubits == other.MaxUnitaryQubits && Kinds.SetEquals(other.Kinds);

    /// <summary>A hash consistent with <see cref="Equals(GateSet)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Kinds.Count, MaxUnitaryQubits);

    /// <summary>The gate names in <see cref="OperationKind"/> order, e.g. <c>u cx barrier</c>, plus the unitary width.</summary>
    public override string ToString() =>
        string.Join(' ', Kinds.OrderBy(k => k).Select(k => GateDefinition.Of(k).Name))
        + (MaxUnitaryQubits > 0 ? $" (unitary ≤ {MaxUnitaryQubits}q)" : string.Empty);
}
