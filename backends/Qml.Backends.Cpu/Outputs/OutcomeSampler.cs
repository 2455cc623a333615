using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Outputs;

/// <summary>
/// Samples basis states of a final state through its cumulative distribution and a binary
/// search, then writes either the classical bits the circuit's measurements target or, without
/// measurements, every qubit.
/// </summary>
internal static unsafe class OutcomeSampler
{
    /// <summary>(qubit, classical bit) pairs of the circuit's terminal measurements, in order.</summary>
    public static (int Qubit, int Bit)[] MeasurementMap(Circuit circuit)
    {
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
    public static int BitCount(Circuit circuit) => circuit.HasMeasurements ? circuit.ClassicalBitCount : circuit.QubitCount;

    /// <param name="state">The final state.</param>
    /// <param name="cumulative">Scratch of at least 2^n doubles, reused across rows.</param>
    /// <param name="measurements">From <see cref="MeasurementMap"/>; empty means "every qubit".</param>
    /// <param name="samples">The table to fill.</param>
    /// <param name="row">The row to fill; also selects the random stream.</param>
    /// <param name="seed">The request's seed.</param>
    public static void Sample(StateBuffer state, double[] cumulative, (int Qubit, int Bit)[] measurements, SampleTable samples, int row, ulong seed)
    {
        var length = (int)state.Length;
        var amplitudes = state.Pointer;
        var running = 0.0;
        for (var i = 0; i < length; i++)
        {
            var a = amplitudes[i];
            running += (a.Real * a.Real) + (a.Imaginary * a.Imaginary);
            cumulative[i] = running;
        }

        var cdf = cumulative.AsSpan(0, length);
        var random = new Xoshiro256StarStar(seed, row);
        for (var shot = 0; shot < samples.Shots; shot++)
        {
            var u = random.NextDouble() * running;
            var index = LowerBoundAbove(cdf, u);
            var words = samples.Shot(row, shot);
            if (measurements.Length == 0)
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

    /// <summary>Sets or clears classical bit <paramref name="bit"/> in a packed outcome.</summary>
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
