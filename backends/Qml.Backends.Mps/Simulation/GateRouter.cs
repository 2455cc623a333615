using System.Numerics;
using Qml.Backends.Mps.State;

namespace Qml.Backends.Mps.Simulation;

/// <summary>
/// Applies a gate on any qubits of an MPS: one site in place; several sites by swapping the
/// distant ones next to the leftmost, applying the gate as one block (its matrix reordered from
/// the gate's little-endian qubit order to site order), and swapping them back so that site q
/// is qubit q again after every gate.
/// </summary>
internal sealed class GateRouter
{
    private const int MaxBlock = 4;

    private readonly Complex[] _siteMatrix = new Complex[(1 << MaxBlock) * (1 << MaxBlock)];
    private readonly int[] _sorted = new int[MaxBlock];
    private readonly int[] _rank = new int[MaxBlock];
    private readonly int[] _map = new int[1 << MaxBlock];
    private readonly List<int> _swaps = [];

    public void Apply(MpsState state, ReadOnlySpan<int> qubits, ReadOnlySpan<Complex> matrix, bool centreLeftAfter)
    {
        var k = qubits.Length;
        if (k == 1)
        {
            state.ApplySingle(qubits[0], matrix);
            return;
        }

        qubits.CopyTo(_sorted);
        Array.Sort(_sorted, 0, k);
        for (var j = 0; j < k; j++)
        {
            _rank[j] = _sorted.AsSpan(0, k).IndexOf(qubits[j]);
        }

        // Bring the i-th qubit (in site order) to first + i, moving the centre along leftwards.
        var first = _sorted[0];
        _swaps.Clear();
        for (var i = 1; i < k; i++)
        {
            for (var x = _sorted[i]; x > first + i; x--)
            {
                state.SwapSites(x - 1, centreLeft: true);
                _swaps.Add(x - 1);
            }
        }

        var dimension = 1 << k;
        var siteMatrix = ToSiteOrder(matrix, k, dimension);
        state.ApplyBlock(first, k, siteMatrix, centreLeft: _swaps.Count == 0 && centreLeftAfter);
        for (var s = _swaps.Count - 1; s >= 0; s--)
        {
            state.SwapSites(_swaps[s], centreLeft: false);
        }
    }

    /// <summary>
    /// M'[t, u] = M[g(t), g(u)], where site index t has the block's first site as its most
    /// significant bit and g(t) puts the bit of the gate's j-th qubit at bit j.
    /// </summary>
    private ReadOnlySpan<Complex> ToSiteOrder(ReadOnlySpan<Complex> matrix, int k, int dimension)
    {
        for (var t = 0; t < dimension; t++)
        {
            var g = 0;
            for (var j = 0; j < k; j++)
            {
                g |= ((t >> (k - 1 - _rank[j])) & 1) << j;
            }

            _map[t] = g;
        }

        var result = _siteMatrix.AsSpan(0, dimension * dimension);
        for (var t = 0; t < dimension; t++)
        {
            for (var u = 0; u < dimension; u++)
            {
                result[(t * dimension) + u] = matrix[(_map[t] * dimension) + _map[u]];
            }
        }

        return result;
    }
}
