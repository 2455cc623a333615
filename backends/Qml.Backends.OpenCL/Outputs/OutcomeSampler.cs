using Qml.Abstractions.Execution;
using Qml.Abstractions.Execution.Sampling;

namespace Qml.Backends.OpenCL.Outputs;

/// <summary>
/// Samples a row on the host from its probabilities (computed on the device): cumulative sum,
/// then a binary search per shot with the row's own xoshiro stream, the same procedure as the
/// CPU backend, so equal probabilities give equal samples.
/// </summary>
internal static class OutcomeSampler
{
    /// <param name="probabilities">The row's 2^n probabilities; overwritten with their running sum.</param>
    /// <param name="measurements">From <see cref="CumulativeSampler.MeasurementMap"/>; empty means every qubit.</param>
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

        CumulativeSampler.Sample(probabilities, measurements, samples, row, seed);
    }
}
