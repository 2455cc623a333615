using System.Numerics;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Execution.Sampling;
using Qml.Backends.Mps.State;

namespace Qml.Backends.Mps.Outputs;

/// <summary>
/// Samples outcomes qubit by qubit from the left with the centre on site 0, so every site to
/// the right is an isometry and the conditional probability of the next bit is the squared
/// norm of the conditioned left vector times that site's slice. Only sites up to the last
/// measured qubit are visited.
/// </summary>
internal sealed class SequentialSampler
{
    private Complex[] _vector = [];
    private Complex[] _zero = [];
    private Complex[] _one = [];
    private byte[] _bits = [];

    /// <param name="state">The final state (its centre is moved to site 0).</param>
    /// <param name="measurements">(qubit, bit) pairs; empty means bit i = qubit i for every qubit.</param>
    /// <param name="samples">The table to fill.</param>
    /// <param name="row">The row to fill; also selects the random stream.</param>
    /// <param name="seed">The request's seed.</param>
    public void Sample(MpsState state, (int Qubit, int Bit)[] measurements, SampleTable samples, int row, ulong seed)
    {
        state.MoveCentre(0);
        var n = state.QubitCount;
        var last = measurements.Length == 0 ? n - 1 : measurements.Max(m => m.Qubit);
        if (_bits.Length < n)
        {
            _bits = new byte[n];
        }

        var random = new RowRandom(seed, row);
        for (var shot = 0; shot < samples.Shots; shot++)
        {
            SampleOne(state, last, ref random);
            var words = samples.Shot(row, shot);
            words.Clear();
            if (measurements.Length == 0)
            {
                for (var q = 0; q < n; q++)
                {
                    words[q >> 6] |= (ulong)_bits[q] << (q & 63);
                }

                continue;
            }

            foreach (var (qubit, bit) in measurements)
            {
                var mask = 1UL << (bit & 63);
                words[bit >> 6] = _bits[qubit] == 1 ? words[bit >> 6] | mask : words[bit >> 6] & ~mask;
            }
        }
    }

    private void SampleOne(MpsState state, int last, ref RowRandom random)
    {
        var vector = Buffer(ref _vector, 1);
        vector[0] = Complex.One;
        for (var q = 0; q <= last; q++)
        {
            var site = state.Site(q);
            int left = site.Left, right = site.Right;
            var a = site.Values;
            var zero = Buffer(ref _zero, right);
            var one = Buffer(ref _one, right);
            zero.Clear();
            one.Clear();
            for (var l = 0; l < left; l++)
            {
                var v = vector[l];
                if (v == Complex.Zero)
                {
                    continue;
                }

                Linear.ComplexBlas.Axpy(v, a.Slice(l * 2 * right, right), zero);
                Linear.ComplexBlas.Axpy(v, a.Slice(((l * 2) + 1) * right, right), one);
            }

            var p0 = Linear.ComplexBlas.SquaredNorm(zero);
            var p1 = Linear.ComplexBlas.SquaredNorm(one);
            var bit = random.NextDouble() * (p0 + p1) < p0 ? 0 : 1;
            if (bit == 0 && p0 == 0.0)
            {
                bit = 1;
            }

            _bits[q] = (byte)bit;
            var chosen = bit == 0 ? zero : one;
            var scale = 1.0 / Math.Sqrt(bit == 0 ? p0 : p1);
            vector = Buffer(ref _vector, right);
            for (var r = 0; r < right; r++)
            {
                vector[r] = chosen[r] * scale;
            }
        }
    }

    private static Span<Complex> Buffer(ref Complex[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new Complex[Math.Max(length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, length);
    }
}
