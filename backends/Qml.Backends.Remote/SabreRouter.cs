using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>
/// SABRE's SWAP search (Li, Ding, Xie, ASPLOS 2019; Qiskit's SabreSwap): run every operation
/// whose predecessors are done and whose qubits are coupled; when only uncoupled two-qubit
/// gates are left (the front layer), insert the SWAP on an edge touching them that minimises
/// <c>max(decay) · (Σ_front d / |F| + W · Σ_extended d / |E|)</c>, where the extended set is
/// the next two-qubit gates (lookahead) and the decay of recently swapped qubits discourages
/// swapping the same pair back and forth. Ties are broken by a seeded random choice. If no
/// gate has run after a number of SWAPs, they are undone and the closest front gate is routed
/// along a shortest path (the release valve), so routing always ends. Final measurements are
/// held back and written last, at their qubits' final places (as Qiskit's barrier before final
/// measurements), so no SWAP passes through a measured qubit.
/// </summary>
internal sealed class SabreRouter
{
    private const int ExtendedSetSize = 20;
    private const double ExtendedSetWeight = 0.5;
    private const double DecayRate = 0.001;
    private const int DecayResetInterval = 5;

    private readonly DependencyDag _dag;
    private readonly CouplingMap _map;
    private readonly int[][] _distance;
    private readonly int[] _layout;
    private readonly int[] _at;
    private readonly int[] _waiting;
    private readonly double[] _decay;
    private readonly List<int> _front = [];
    private readonly List<Operation>? _output;
    private readonly List<(int P, int Q)> _swapsSinceProgress = [];
    private readonly List<int> _heldMeasurements = [];
    private readonly Random _random;
    private readonly int _releaseAfter;
    private int _swaps;
    private int _steps;
    private int _releases;

    private SabreRouter(DependencyDag dag, CouplingMap map, int[] initialLayout, int seed, bool emit, int releaseAfter)
    {
        _releaseAfter = releaseAfter;
        _dag = dag;
        _map = map;
        _distance = map.Distances;
        _layout = [.. initialLayout];
        _at = new int[map.Qubits];
        for (var logical = 0; logical < _layout.Length; logical++)
        {
            _at[_layout[logical]] = logical;
        }

        _waiting = [.. dag.Predecessors];
        _decay = new double[map.Qubits];
        Array.Fill(_decay, 1.0);
        _output = emit ? new List<Operation>(dag.Count * 2) : null;
        _random = new Random(seed);
    }

    /// <summary>
    /// Routes <paramref name="dag"/> from <paramref name="initialLayout"/> (a permutation of the device's qubits).
    /// The release valve opens after <paramref name="releaseAfter"/> SWAPs without a gate (default: 10 per device qubit, as Qiskit).
    /// </summary>
    public static RouteResult Route(DependencyDag dag, CouplingMap map, int[] initialLayout, int seed, bool emit, int? releaseAfter = null)
    {
        var router = new SabreRouter(dag, map, initialLayout, seed, emit, releaseAfter ?? (10 * Math.Max(1, map.Qubits)));
        router.Run();
        return new RouteResult(router._output, [.. initialLayout], router._layout, router._swaps) { Releases = router._releases };
    }

    private void Run()
    {
        for (var node = 0; node < _dag.Count; node++)
        {
            if (_waiting[node] == 0)
            {
                _front.Add(node);
            }
        }

        List<int>? extended = null;
        while (_front.Count > 0)
        {
            if (ExecuteReady())
            {
                _swapsSinceProgress.Clear();
                extended = null;
                continue;
            }

            if (_swapsSinceProgress.Count >= _releaseAfter)
            {
                Release();
                continue;
            }

            extended ??= ExtendedSet();
            var (p, q) = BestSwap(extended);
            Swap(p, q);
            _swapsSinceProgress.Add((p, q));
            if (++_steps % DecayResetInterval == 0)
            {
                Array.Fill(_decay, 1.0);
            }
            else
            {
                _decay[p] += DecayRate;
                _decay[q] += DecayRate;
            }
        }

        _heldMeasurements.Sort();
        foreach (var node in _heldMeasurements)
        {
            _output?.Add(_dag.Operations[node].Remap(q => _layout[q]));
        }
    }

    /// <summary>Runs every front operation that can run (and those it frees); true if any ran.</summary>
    private bool ExecuteReady()
    {
        var progressed = false;
        for (var k = 0; k < _front.Count;)
        {
            var node = _front[k];
            if (!Executable(_dag.Operations[node]))
            {
                k++;
                continue;
            }

            _front[k] = _front[^1];
            _front.RemoveAt(_front.Count - 1);
            if (_dag.IsFinalMeasurement[node])
            {
                _heldMeasurements.Add(node);
            }
            else
            {
                _output?.Add(_dag.Operations[node].Remap(q => _layout[q]));
            }

            foreach (var next in _dag.Successors[node])
            {
                if (--_waiting[next] == 0)
                {
                    _front.Add(next);
                }
            }

            progressed = true;
        }

        return progressed;
    }

    private bool Executable(Operation op) => op.Kind == OperationKind.Barrier || op.Qubits.Length switch
    {
        1 => true,
        2 => _map.Adjacent(_layout[op.Qubits[0]], _layout[op.Qubits[1]]),
        _ => throw new QmlException($"backend 'remote': {op} acts on {op.Qubits.Length} qubits; the router places two at a time (it should have been decomposed)."),
    };

    /// <summary>The next two-qubit gates after the front layer, in dependency order, at most <see cref="ExtendedSetSize"/>.</summary>
    private List<int> ExtendedSet()
    {
        var extended = new List<int>(ExtendedSetSize);
        var decremented = new List<int>();
        var layer = _front;
        while (layer.Count > 0 && extended.Count < ExtendedSetSize)
        {
            var nextLayer = new List<int>();
            foreach (var node in layer)
            {
                foreach (var next in _dag.Successors[node])
                {
                    decremented.Add(next);
                    if (--_waiting[next] == 0)
                    {
                        nextLayer.Add(next);
                        if (IsTwoQubitGate(_dag.Operations[next]))
                        {
                            extended.Add(next);
                        }
                    }
                }

                if (extended.Count >= ExtendedSetSize)
                {
                    break;
                }
            }

            layer = nextLayer;
        }

        foreach (var node in decremented)
        {
            _waiting[node]++;
        }

        return extended;
    }

    private static bool IsTwoQubitGate(Operation op) => op.Kind != OperationKind.Barrier && op.Qubits.Length == 2;

    private (int P, int Q) BestSwap(List<int> extended)
    {
        var candidates = new List<(int P, int Q)>();
        foreach (var node in _front)
        {
            foreach (var logical in _dag.Operations[node].Qubits)
            {
                var p = _layout[logical];
                foreach (var q in _map.Neighbours(p))
                {
                    var edge = (Math.Min(p, q), Math.Max(p, q));
                    if (!candidates.Contains(edge))
                    {
                        candidates.Add(edge);
                    }
                }
            }
        }

        candidates.Sort();
        var best = new List<(int P, int Q)>();
        var bestScore = double.PositiveInfinity;
        foreach (var (p, q) in candidates)
        {
            SwapLayout(p, q);
            var score = Math.Max(_decay[p], _decay[q]) * (Cost(_front) / _front.Count + (extended.Count == 0 ? 0 : ExtendedSetWeight * Cost(extended) / extended.Count));
            SwapLayout(p, q);
            if (score < bestScore - 1e-12)
            {
                bestScore = score;
                best.Clear();
                best.Add((p, q));
            }
            else if (score <= bestScore + 1e-12)
            {
                best.Add((p, q));
            }
        }

        return best[_random.Next(best.Count)];
    }

    private double Cost(List<int> nodes)
    {
        var sum = 0;
        foreach (var node in nodes)
        {
            var qubits = _dag.Operations[node].Qubits;
            if (qubits.Length == 2)
            {
                sum += _distance[_layout[qubits[0]]][_layout[qubits[1]]];
            }
        }

        return sum;
    }

    /// <summary>Undoes the SWAPs since the last gate ran and walks the closest front gate together along a shortest path.</summary>
    private void Release()
    {
        for (var i = _swapsSinceProgress.Count - 1; i >= 0; i--)
        {
            var (p, q) = _swapsSinceProgress[i];
            SwapLayout(p, q);
            _output?.RemoveAt(_output.Count - 1);
            _swaps--;
        }

        _swapsSinceProgress.Clear();
        _releases++;
        var closest = _front.Where(n => IsTwoQubitGate(_dag.Operations[n]))
            .MinBy(n => _distance[_layout[_dag.Operations[n].Qubits[0]]][_layout[_dag.Operations[n].Qubits[1]]]);
        var op = _dag.Operations[closest];
        var path = _map.ShortestPath(_layout[op.Qubits[0]], _layout[op.Qubits[1]])
            ?? throw new QmlException($"backend 'remote': qubits {op.Qubits[0]} and {op.Qubits[1]} of {op} are not connected in the coupling map {_map.Description}.");
        for (var i = 0; i + 2 < path.Length; i++)
        {
            Swap(path[i], path[i + 1]);
        }

        Array.Fill(_decay, 1.0);
    }

    private void Swap(int p, int q)
    {
        _output?.Add(Operation.Gate(OperationKind.Swap, [p, q]));
        SwapLayout(p, q);
        _swaps++;
    }

    private void SwapLayout(int p, int q)
    {
        var (a, b) = (_at[p], _at[q]);
        (_at[p], _at[q]) = (b, a);
        _layout[a] = q;
        _layout[b] = p;
    }
}
