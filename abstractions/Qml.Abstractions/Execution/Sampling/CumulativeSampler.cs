using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Execution.Sampling;

/// <summary>
/// Draws a row's shots from a cumulative outcome distribution (binary search per shot) and packs
/// them into a <see cref="SampleTable"/>: every qubit as its own bit, or the measured qubits into
/// their classical bits.
/// </summary>
public static class CumulativeSampler
{
    /// <summary>(qubit, classical bit) pairs of the circuit's measurements, in order; empty when it measures none.</summary>
    public static (int Qubit, int Bit)[] MeasurementMap(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var map = new List<(int, int)>();
        foreach (var operation in circuit.Operations)
        {
            if (operation.Kind == OperationKind.Measure)
            {
                map.Add((operation.Qubits[0], operation.ClassicalBits[0]));
            }
        }

        return [.. map];
    }

    /// <summary>Bits per outcome: the classical register when the circuit measures, else one per qubit.</summary>
    public static int OutcomeBits(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return circuit.HasMeasurements ? circuit.ClassicalBitCount : circuit.QubitCount;
    }

    /// <param name="cumulative">Running sums of the outcome probabilities, indexed by basis state.</param>
    /// <param name="measurements">(qubit, classical bit) pairs; empty means bit i = qubit i.</param>
    /// <param name="samples">The table to fill.</param>
    /// <param name="row">The request row (selects the random stream and the table row).</param>
    /// <param name="seed">The request's seed.</param>
    public static void Sample(ReadOnlySpan<double> cumulative, ReadOnlySpan<(int Qubit, int Bit)> measurements, SampleTable samples, int row, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var total = cumulative[^1];
        var random = new RowRandom(seed, row);
        for (var shot = 0; shot < samples.Shots; shot++)
        {
            var index = LowerBoundAbove(cumulative, random.NextDouble() * total);
            var words = samples.Shot(row, shot);
            if (measurements.IsEmpty)
            {
                words[0] = (ulong)index;
                continue;
            }

            words.Clear();
            foreach (var (qubit, bit) in measurements)
            {
                WriteBit(words, bit, ((index >> qubit) & 1) == 1);
            }
        }
    }

    /// <summary>Sets or clears classical bit <paramref name="bit"/> of a packed outcome.</summary>
    public static void WriteBit(Span<ulong> words, int bit, bool value)
    {
        var mask = 1UL << (bit & 63);
        if (value)
        {
            words[bit >> 6] |= mask;
        }
        else
        {
            words[bit >> 6] &= ~mask;
        }
    }

    /// <summary>First index whose cumulative probability exceeds <paramref name="u"/>, skipping zero-probability outcomes.</summary>
    private static int LowerBoundAbove(ReadOnlySpan<double> cdf, double u)
    {
        int low = 0, high = cdf.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (cdf[middle] > u)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
