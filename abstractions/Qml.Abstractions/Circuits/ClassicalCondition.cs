using System.Collections.Immutable;

namespace Qml.Abstractions.Circuits;

/// <summary>
/// Runs an operation only when the classical bits, read as a little-endian integer
/// (the first bit is the least significant), equal <see cref="Value"/>: OpenQASM 2's
/// <c>if (creg == n)</c>.
/// </summary>
public sealed record ClassicalCondition(ImmutableArray<int> Bits, ulong Value)
{
    /// <summary>Equality of the bit list (in order) and the value.</summary>
    public bool Equals(ClassicalCondition? other) =>
        other is not null && Value == other.Value && Bits.SequenceEqual(other.Bits);

    /// <summary>A hash consistent with <see cref="Equals(ClassicalCondition)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Value, Bits.Length);
}
