using System.Text;

namespace Qml.Abstractions.Execution;

/// <summary>
/// Measurement outcomes: for each binding row, <see cref="Shots"/> outcomes of
/// <see cref="BitCount"/> classical bits, each packed little-endian into
/// <see cref="WordsPerShot"/> 64-bit words (bit i of the outcome is bit i%64 of word i/64), so
/// registers wider than 64 bits (MPS) fit too.
/// </summary>
public sealed class SampleTable
{
    /// <summary>Creates a table, zero-filled or wrapping <paramref name="words"/> (not copied).</summary>
    /// <param name="rows">Binding rows.</param>
    /// <param name="shots">Outcomes per row.</param>
    /// <param name="bitCount">Classical bits per outcome (0 still takes one word).</param>
    /// <param name="words">rows·shots·<see cref="WordsPerShot"/> packed words, or null for a new zeroed array.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count.</exception>
    /// <exception cref="ArgumentException"><paramref name="words"/> has the wrong length.</exception>
    public SampleTable(int rows, int shots, int bitCount, ulong[]? words = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        ArgumentOutOfRangeException.ThrowIfNegative(bitCount);
        Rows = rows;
        Shots = shots;
        BitCount = bitCount;
        WordsPerShot = Math.Max(1, (bitCount + 63) / 64);
        var length = checked(rows * shots * WordsPerShot);
        Words = words ?? new ulong[length];
        if (Words.Length != length)
        {
            throw new ArgumentException($"{rows} row(s) × {shots} shot(s) × {WordsPerShot} word(s) need {length} words; got {Words.Length}.", nameof(words));
        }
    }

    /// <summary>Binding rows.</summary>
    public int Rows { get; }

    /// <summary>Outcomes per binding row.</summary>
    public int Shots { get; }

    /// <summary>Classical bits per outcome.</summary>
    public int BitCount { get; }

    /// <summary>64-bit words per outcome: max(1, ⌈<see cref="BitCount"/>/64⌉).</summary>
    public int WordsPerShot { get; }

    /// <summary>All outcomes, row by row, shot by shot.</summary>
    public ulong[] Words { get; }

    /// <summary>The packed words of one outcome (writable, so backends fill it in place).</summary>
    public Span<ulong> Shot(int row, int shot) => Words.AsSpan(((row * Shots) + shot) * WordsPerShot, WordsPerShot);

    /// <summary>Outcome as an integer; only for registers of at most 64 bits.</summary>
    public ulong Outcome(int row, int shot)
    {
        if (BitCount > 64)
        {
            throw new InvalidOperationException($"Outcomes of {BitCount} bits do not fit one integer; use Shot(row, shot).");
        }

        return Words[((row * Shots) + shot) * WordsPerShot];
    }

    /// <summary>Outcome as a Qiskit bit string: bit 0 is the rightmost character.</summary>
    public string BitString(int row, int shot)
    {
        var words = Shot(row, shot);
        var text = new StringBuilder(BitCount);
        for (var bit = BitCount - 1; bit >= 0; bit--)
        {
            text.Append(((words[bit >> 6] >> (bit & 63)) & 1UL) == 1UL ? '1' : '0');
        }

        return text.ToString();
    }

    /// <summary>Qiskit-style counts for one row: bit string → occurrences.</summary>
    public IReadOnlyDictionary<string, int> Counts(int row)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var shot = 0; shot < Shots; shot++)
        {
            var key = BitString(row, shot);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
