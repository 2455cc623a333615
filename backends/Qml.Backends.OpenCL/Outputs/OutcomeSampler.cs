using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.OpenCL.Outputs;

/// <summary>
/// Samples a row on the host from its probabilities (computed on the device): cumulative sum,
/// then a binary search per shot with the row's own xoshiro stream, the same procedure as the
/// CPU backend, so equal probabilities give equal samples.
/// </summary>
internal static class OutcomeSampler
{
    /// <summary>(qubit, classical bit) of the circuit's terminal measurements, in order.</summary>
    public static (int Qubit, int Bit)[] MeasurementMap(Circuit circuit) =>
        [.. circuit.Operations.Where(o => o.Kind == OperationKind.Measure).Select(o => (o.Qubits[0], o.ClassicalBits[0]))];

    /// <summary>Bits per outcome: the classical register when the circuit measures, else one per qubit.</summary>
    public static int BitCount(Circuit circuit) => circuit.HasMeasurements ? circuit.ClassicalBitCount : circuit.QubitCount;

    /// <param name="probabilities">The row's 2^n probabilities; overwritten with their running sum.</param>
    /// <param name="measurements">From <see cref="MeasurementMap"/>; empty means every qubit.</param>
    /// <param name="samples">The table to fill.</param>
    /// <param name="row">The row to fill; also selects the random stream.</param>
    /// <param name="seed">The request's seed.</param>
    public static void Sample(Span<double> probabilities, (int Qubit, int Bit)[] measurements, SampleTable samples, int row, ulong seed)
    {
        var running = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            running += probabilities[i];
            probabilities[i] = running;
        }

        var random = new Xoshiro256StarStar(seed, row);
        for (var shot = 0; shot < samples.Shots; shot++)
        {
            var index = LowerBoundAbove(probabilities, random.NextDouble() * running);
            var words = samples.Shot(row, shot);
            if (measurements.Length == 0)
            {
                words[0] = (ulong)index;
                continue;
            }

            words.Clear();
            foreach (var (qubit, bit) in measurements)
            {
                var mask = 1UL << (bit & 63);
                if (((index >> qubit) & 1) == 1)
                {
                    words[bit >> 6] |= mask;
                }
                else
                {
                    words[bit >> 6] &= ~mask;
                }
            }
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
