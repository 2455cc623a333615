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

    /// <summary>Copies and validates a matrix given row by row.</summary>
    /// <param name="rowMajorEntries">4^k entries, k = 1..<see cref="MaxQubits"/>; entry (r, c) at r·2^k + c.</param>
    /// <exception cref="ArgumentException">The count is not 4^k with k in 1..<see cref="MaxQubits"/>, or
    /// max |U·U† − I| exceeds <see cref="Tolerance"/> (NaN entries fail too).</exception>
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

    /// <summary>The entries in row-major order (length <see cref="Dimension"/>²).</summary>
    public ImmutableArray<Complex> Entries { get; }

    /// <summary>Rows (= columns) of the matrix: 2^<see cref="QubitCount"/>.</summary>
    public int Dimension { get; }

    /// <summary>Qubits the matrix acts on, 1..<see cref="MaxQubits"/>.</summary>
    public int QubitCount { get; }

    /// <summary>The entry at (<paramref name="row"/>, <paramref name="column"/>), both 0..<see cref="Dimension"/>-1; bit j of an index is the state of the operation's j-th qubit.</summary>
    public Complex this[int row, int column] => Entries[(row * Dimension) + column];

    /// <summary>Exact entry-by-entry equality (no tolerance).</summary>
    public bool Equals(UnitaryMatrix? other) =>
        other is not null && Entries.AsSpan().SequenceEqual(other.Entries.AsSpan());

    /// <summary>True when <paramref name="obj"/> is a <see cref="UnitaryMatrix"/> with exactly the same entries.</summary>
    public override bool Equals(object? obj) => Equals(obj as UnitaryMatrix);

    /// <summary>A hash of all entries, consistent with <see cref="Equals(UnitaryMatrix)"/>.</summary>
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
