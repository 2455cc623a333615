using System.Collections.Immutable;
using System.Numerics;

namespace Qml.Abstractions.Circuits;

/// <summary>
/// A validated unitary on k qubits (row-major, 2^k × 2^k, little-endian qubit order like every
/// gate matrix). Construction checks U·U† = I to <see cref="Tolerance"/>.
/// </summary>
public sealed class UnitaryMatrix : IEquatable<UnitaryMatrix>
{
    /// <summary>Largest deviation from unitarity accepted, per entry of U·U† − I.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>Largest supported operand: a dense 2^k matrix grows as 4^k.</summary>
    public const int MaxQubits = 10;

    public UnitaryMatrix(IEnumerable<Complex> rowMajorEntries)
    {
        Entries = [.. rowMajorEntries];
        var length = Entries.Length;
        var dimension = (int)Math.Round(Math.Sqrt(length));
        if (dimension * dimension != length || dimension < 2 || !BitOperations.IsPow2(dimension))
        {
            throw new ArgumentException($"A unitary needs 4^k entries (k ≥ 1 qubits); got {length}.", nameof(rowMajorEntries));
        }

        Dimension = dimension;
        QubitCount = BitOperations.Log2((uint)dimension);
        if (QubitCount > MaxQubits)
        {
            throw new ArgumentException($"A unitary acts on at most {MaxQubits} qubits; got {QubitCount}.", nameof(rowMajorEntries));
        }

        var deviation = UnitarityError(Entries.AsSpan(), dimension);
        if (!(deviation <= Tolerance))
        {
            throw new ArgumentException($"The matrix is not unitary: max |U·U† − I| = {deviation:G3} (tolerance {Tolerance:G1}).", nameof(rowMajorEntries));
        }
    }

    public ImmutableArray<Complex> Entries { get; }

    public int Dimension { get; }

    public int QubitCount { get; }

    public Complex this[int row, int column] => Entries[(row * Dimension) + column];

    public bool Equals(UnitaryMatrix? other) =>
        other is not null && Entries.AsSpan().SequenceEqual(other.Entries.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as UnitaryMatrix);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in Entries)
        {
            hash.Add(entry);
        }

        return hash.ToHashCode();
    }

    /// <summary>Max entry of |U·U† − I|.</summary>
    public static double UnitarityError(ReadOnlySpan<Complex> m, int dimension)
    {
        var worst = 0.0;
        for (var r = 0; r < dimension; r++)
        {
            for (var c = 0; c < dimension; c++)
            {
                Complex sum = 0;
                for (var k = 0; k < dimension; k++)
                {
                    sum += m[(r * dimension) + k] * Complex.Conjugate(m[(c * dimension) + k]);
                }

                if (r == c)
                {
                    sum -= 1;
                }

                worst = Math.Max(worst, double.IsNaN(sum.Real) || double.IsNaN(sum.Imaginary) ? double.PositiveInfinity : sum.Magnitude);
            }
        }

        return worst;
    }
}
