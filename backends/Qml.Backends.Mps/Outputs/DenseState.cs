using System.Numerics;
using Qml.Backends.Mps.Linear;
using Qml.Backends.Mps.State;

namespace Qml.Backends.Mps.Outputs;

/// <summary>
/// Contracts an MPS into its 2^n amplitudes (amplitude index bit i = qubit i), left to right:
/// after site j the partial table holds 2^(j+1) prefixes × the right bond, which never exceeds
/// 2^n entries because a bond is at most the smaller side's dimension.
/// </summary>
internal static class DenseState
{
    public static void Write(MpsState state, Span<Complex> destination)
    {
        var n = state.QubitCount;
        var current = new Complex[destination.Length];
        var next = new Complex[destination.Length];
        current[0] = Complex.One;
        var prefixes = 1;
        for (var q = 0; q < n; q++)
        {
            var site = state.Site(q);
            int left = site.Left, right = site.Right;
            var a = site.Values;
            var output = next.AsSpan(0, 2 * prefixes * right);
            output.Clear();
            for (var x = 0; x < prefixes; x++)
            {
                for (var l = 0; l < left; l++)
                {
                    var v = current[(x * left) + l];
                    if (v == Complex.Zero)
                    {
                        continue;
                    }

                    ComplexBlas.Axpy(v, a.Slice(l * 2 * right, right), output.Slice(x * right, right));
                    ComplexBlas.Axpy(v, a.Slice(((l * 2) + 1) * right, right), output.Slice((prefixes + x) * right, right));
                }
            }

            (current, next) = (next, current);
            prefixes *= 2;
        }

        current.AsSpan(0, destination.Length).CopyTo(destination);
    }
}
