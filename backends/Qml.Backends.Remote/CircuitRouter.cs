using System.Globalization;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>
/// Places a circuit (already decomposed to one- and two-qubit gates) on a coupling map: picks
/// the initial layout (<see cref="LayoutMethod"/>) and routes with the chosen router.
/// SABRE layout (as Qiskit's SabreLayout) starts from the trivial layout and from
/// <see cref="RandomStarts"/> seeded random placements (a connected block of the device per
/// group of interacting qubits), improves each by routing forward, then the reversed circuit
/// backward from where the forward pass ended (<see cref="Rounds"/> times), and keeps the start
/// whose final forward routing needs the fewest SWAPs. The seed is fixed, so a circuit is
/// always routed the same way.
/// </summary>
internal static class CircuitRouter
{
    public const int Seed = 2019;
    public const int RandomStarts = 4;
    public const int Rounds = 2;

    public static RouteResult Route(Circuit circuit, CouplingMap map, RoutingOptions options)
    {
        if (map.Qubits < circuit.QubitCount)
        {
            throw new QmlException($"backend 'remote': the circuit has {circuit.QubitCount} qubits; the coupling map {map.Description} has only {map.Qubits}.");
        }

        var operations = circuit.Operations;
        var trivial = Enumerable.Range(0, map.Qubits).ToArray();
        DependencyDag? dag = null;
        RouteResult RouteFrom(int[] layout, bool emit) => options.Routing == RoutingMethod.Basic
            ? BasicRouter.Route(operations, map, layout)
            : SabreRouter.Route(dag ??= new DependencyDag(operations, circuit.QubitCount), map, layout, Seed, emit);

        var unreachable = FirstUnreachable(operations, map, trivial);
        if (options.Layout == LayoutMethod.Trivial)
        {
            if (unreachable is { } op)
            {
                throw new QmlException(
                    $"backend 'remote': qubits {op.Qubits[0]} and {op.Qubits[1]} of {op} sit on physical qubits {op.Qubits[0]} and {op.Qubits[1]}, which are not connected in the coupling map {map.Description} "
                    + $"(its connected parts: {map.DescribeComponents()}); use layout=sabre to place qubits that interact in one part.");
            }

            return RouteFrom(trivial, emit: true);
        }

        var groups = Groups(circuit, map);
        var pairs = operations.Where(IsTwoQubitGate).ToArray();
        var forward = new DependencyDag(pairs, circuit.QubitCount);
        var backward = new DependencyDag([.. pairs.Reverse()], circuit.QubitCount);
        var starts = new List<int[]>();
        if (unreachable is null)
        {
            starts.Add(trivial);
        }

        var random = new Random(Seed);
        for (var i = 0; i < RandomStarts; i++)
        {
            starts.Add(RandomStart(groups, map, random));
        }

        var candidates = new List<int[]>();
        if (unreachable is null)
        {
            candidates.Add(trivial);
        }

        foreach (var start in starts)
        {
            var layout = start;
            for (var round = 0; round < Rounds; round++)
            {
                layout = SabreRouter.Route(forward, map, layout, Seed, emit: false).FinalLayout;
                layout = SabreRouter.Route(backward, map, layout, Seed, emit: false).FinalLayout;
            }

            candidates.Add(layout);
        }

        // Routing is deterministic, so the winner is routed again with output.
        var best = candidates.MinBy(layout => RouteFrom(layout, emit: false).Swaps)!;
        return RouteFrom(best, emit: true);
    }

    private static bool IsTwoQubitGate(Operation op) => op.Kind != OperationKind.Barrier && op.Qubits.Length == 2;

    private static Operation? FirstUnreachable(IEnumerable<Operation> operations, CouplingMap map, int[] layout) =>
        map.IsConnected ? null : operations.FirstOrDefault(op => IsTwoQubitGate(op) && map.Components[layout[op.Qubits[0]]] != map.Components[layout[op.Qubits[1]]]);

    /// <summary>
    /// Logical qubits that must share a connected part of the device, largest first: the whole
    /// circuit on a connected map (kept together as one block), otherwise the qubits joined by
    /// two-qubit gates. Refuses a circuit whose groups do not fit the map's parts.
    /// </summary>
    private static List<int[]> Groups(Circuit circuit, CouplingMap map)
    {
        var n = circuit.QubitCount;
        if (map.IsConnected)
        {
            return [Enumerable.Range(0, n).ToArray()];
        }

        var root = Enumerable.Range(0, n).ToArray();
        int Find(int q) => root[q] == q ? q : root[q] = Find(root[q]);
        foreach (var op in circuit.Operations.Where(IsTwoQubitGate))
        {
            root[Find(op.Qubits[0])] = Find(op.Qubits[1]);
        }

        var groups = Enumerable.Range(0, n).GroupBy(Find).Select(g => g.ToArray()).OrderByDescending(g => g.Length).ThenBy(g => g[0]).ToList();
        var free = Enumerable.Range(0, map.Qubits).GroupBy(q => map.Components[q]).ToDictionary(g => g.Key, g => g.Count());
        foreach (var group in groups)
        {
            var part = free.MaxBy(p => p.Value);
            if (part.Value < group.Length)
            {
                throw new QmlException(
                    $"backend 'remote': the coupling map {map.Description} is not connected (its parts: {map.DescribeComponents()}; a qubit in one part cannot reach the others); "
                    + $"logical qubits {string.Join(", ", group)} are joined by two-qubit gates and need {group.Length.ToString(CultureInfo.InvariantCulture)} physical qubits in one part, but the largest part left has {part.Value.ToString(CultureInfo.InvariantCulture)}.");
            }

            free[part.Key] -= group.Length;
        }

        return groups;
    }

    /// <summary>Each group on a random connected block of free qubits in the roomiest part of the device; idle ancillas anywhere left.</summary>
    private static int[] RandomStart(List<int[]> groups, CouplingMap map, Random random)
    {
        var layout = new int[map.Qubits];
        var free = new bool[map.Qubits];
        Array.Fill(free, true);
        var ancilla = groups.Sum(g => g.Length);
        foreach (var group in groups.Where(g => g.Length > 0))
        {
            var part = Enumerable.Range(0, map.Qubits).Where(q => free[q]).GroupBy(q => map.Components[q]).MaxBy(g => g.Count())!.ToArray();
            var block = Block(part[random.Next(part.Length)], group.Length, map, free, random);
            foreach (var extra in part.OrderBy(_ => random.Next()))
            {
                if (block.Count == group.Length)
                {
                    break;
                }

                if (!block.Contains(extra))
                {
                    block.Add(extra);
                }
            }

            var order = group.OrderBy(_ => random.Next()).ToArray();
            for (var i = 0; i < order.Length; i++)
            {
                layout[order[i]] = block[i];
                free[block[i]] = false;
            }

        }

        foreach (var p in Enumerable.Range(0, map.Qubits).Where(q => free[q]).OrderBy(_ => random.Next()))
        {
            layout[ancilla++] = p;
        }

        return layout;
    }

    /// <summary>Up to <paramref name="size"/> free qubits reached breadth-first from <paramref name="root"/> (neighbours in random order).</summary>
    private static List<int> Block(int root, int size, CouplingMap map, bool[] free, Random random)
    {
        var block = new List<int> { root };
        var seen = new HashSet<int> { root };
        for (var i = 0; i < block.Count && block.Count < size; i++)
        {
            foreach (var next in map.Neighbours(block[i]).OrderBy(_ => random.Next()))
            {
                if (free[next] && seen.Add(next) && block.Count < size)
                {
                    block.Add(next);
                }
            }
        }

        return block;
    }
}
