using System.Numerics;
using Qml.Backends.Mps.Linear;
using Qml.Backends.Mps.State;

namespace Qml.Backends.Mps.Outputs;

/// <summary>
/// Outcome probabilities of chosen qubits (the first chosen qubit is bit 0 of the outcome).
/// Small registers contract the MPS to amplitudes and sum them; large ones walk the sites
/// between the first and last chosen qubit depth-first with reduced-density environments,
/// branching on chosen qubits, tracing the others, and pruning branches of zero weight (so a
/// GHZ-like state costs two branches, not 2^k).
/// </summary>
internal sealed class ProbabilityContraction
{
    /// <summary>Registers up to this size go through the dense amplitudes (2^20 × 16 bytes = 16 MiB).</summary>
    public const int DenseQubits = 20;

    private readonly List<Complex[]> _environments = [];
    private Complex[] _slice = [];
    private Complex[] _product = [];
    private int[] _bitOf = [];

    public void Evaluate(MpsState state, ReadOnlySpan<int> qubits, Span<double> destination)
    {
        destination.Clear();
        var n = state.QubitCount;
        var norm = state.SquaredNorm;
        if (n <= DenseQubits)
        {
            var amplitudes = new Complex[1 << n];
            DenseState.Write(state, amplitudes);
            for (var index = 0; index < amplitudes.Length; index++)
            {
                var outcome = 0;
                for (var b = 0; b < qubits.Length; b++)
                {
                    outcome |= ((index >> qubits[b]) & 1) << b;
                }

                var a = amplitudes[index];
                destination[outcome] += ((a.Real * a.Real) + (a.Imaginary * a.Imaginary)) / norm;
            }

            return;
        }

        if (_bitOf.Length < n)
        {
            _bitOf = new int[n];
        }

        Array.Fill(_bitOf, -1, 0, n);
        int first = int.MaxValue, last = -1;
        for (var b = 0; b < qubits.Length; b++)
        {
            _bitOf[qubits[b]] = b;
            first = Math.Min(first, qubits[b]);
            last = Math.Max(last, qubits[b]);
        }

        state.MoveCentre(first);
        var dimension = state.Site(first).Left;
        var start = Environment(0, dimension * dimension);
        start.Clear();
        for (var i = 0; i < dimension; i++)
        {
            start[(i * dimension) + i] = Complex.One;
        }

        Walk(state, first, last, 0, dimension, 0, norm, destination);
    }

    private void Walk(MpsState state, int q, int last, int depth, int dimension, int outcome, double norm, Span<double> destination)
    {
        var environment = _environments[depth].AsSpan(0, dimension * dimension);
        if (q > last)
        {
            var trace = 0.0;
            for (var i = 0; i < dimension; i++)
            {
                trace += environment[(i * dimension) + i].Real;
            }

            destination[outcome] += trace / norm;
            return;
        }

        var site = state.Site(q);
        var right = site.Right;
        var bit = _bitOf[q];
        if (bit < 0)
        {
            var traced = Environment(depth + 1, right * right);
            traced.Clear();
            Project(site, environment, 0, traced, accumulate: true);
            Project(site, _environments[depth].AsSpan(0, dimension * dimension), 1, _environments[depth + 1].AsSpan(0, right * right), accumulate: true);
            Walk(state, q + 1, last, depth + 1, right, outcome, norm, destination);
            return;
        }

        for (var s = 0; s < 2; s++)
        {
            var branch = Environment(depth + 1, right * right);
            branch.Clear();
            Project(site, _environments[depth].AsSpan(0, dimension * dimension), s, branch, accumulate: true);
            var weight = 0.0;
            for (var i = 0; i < right; i++)
            {
                weight += branch[(i * right) + i].Real;
            }

            // A branch's trace bounds every probability below it: skip branches of no weight.
            if (weight > 1e-300)
            {
                Walk(state, q + 1, last, depth + 1, right, outcome | (s << bit), norm, destination);
            }
        }
    }

    /// <summary>E' (+)= A_s^H · E · A_s with A_s = A[:, s, :].</summary>
    private void Project(SiteTensor site, ReadOnlySpan<Complex> environment, int s, Span<Complex> output, bool accumulate)
    {
        int left = site.Left, right = site.Right;
        var a = site.Values;
        var slice = Buffer(ref _slice, left * right);
        for (var l = 0; l < left; l++)
        {
            a.Slice(((l * 2) + s) * right, right).CopyTo(slice.Slice(l * right, right));
        }

        var product = Buffer(ref _product, left * right);
        ComplexBlas.Multiply(environment, slice, product, left, left, right);
        if (!accumulate)
        {
            output.Clear();
        }

        for (var l = 0; l < left; l++)
        {
            var productRow = product.Slice(l * right, right);
            var sliceRow = slice.Slice(l * right, right);
            for (var r = 0; r < right; r++)
            {
                var factor = Complex.Conjugate(sliceRow[r]);
                if (factor != Complex.Zero)
                {
                    ComplexBlas.Axpy(factor, productRow, output.Slice(r * right, right));
                }
            }
        }
    }

    private Span<Complex> Environment(int depth, int length)
    {
        while (_environments.Count <= depth)
        {
            _environments.Add([]);
        }

        if (_environments[depth].Length < length)
        {
            _environments[depth] = new Complex[Math.Max(length, _environments[depth].Length * 2)];
        }

        return _environments[depth].AsSpan(0, length);
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
