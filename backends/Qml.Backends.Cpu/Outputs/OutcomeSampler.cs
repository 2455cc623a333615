using Qml.Abstractions.Execution;
using Qml.Abstractions.Execution.Sampling;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Outputs;

/// <summary>
/// Samples basis states of a final state through its cumulative distribution and a binary
/// search, then writes either the classical bits the circuit's measurements target or, without
/// measurements, every qubit.
/// </summary>
internal static unsafe class OutcomeSampler
{
    /// <param name="state">The final state.</param>
    /// <param name="cumulative">Scratch of at least 2^n doubles, reused across rows.</param>
    /// <param name="measurements">From <see cref="CumulativeSampler.MeasurementMap"/>; empty means "every qubit".</param>
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

        CumulativeSampler.Sample(cumulative.AsSpan(0, length), measurements, samples, row, seed);
    }
}
