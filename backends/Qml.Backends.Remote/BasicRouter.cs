using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>
/// The first router (<c>-o routing=basic</c>): operations in circuit order; a two-qubit gate on
/// uncoupled qubits is preceded by SWAPs that walk its first qubit along a shortest path until
/// it stands next to the second. No lookahead; kept so earlier results can be reproduced.
/// </summary>
internal static class BasicRouter
{
    public static RouteResult Route(IReadOnlyList<Operation> operations, CouplingMap map, int[] initialLayout)
    {
        var layout = initialLayout.ToArray();
        var at = new int[map.Qubits];
        for (var logical = 0; logical < layout.Length; logical++)
        {
            at[layout[logical]] = logical;
        }

        var swaps = 0;
        var output = new List<Operation>(operations.Count * 2);
        foreach (var op in operations)
        {
            if (op.Kind != OperationKind.Barrier && op.Qubits.Length == 2 && !map.Adjacent(layout[op.Qubits[0]], layout[op.Qubits[1]]))
            {
                var path = map.ShortestPath(layout[op.Qubits[0]], layout[op.Qubits[1]])
                    ?? throw new QmlException($"backend 'remote': qubits {op.Qubits[0]} and {op.Qubits[1]} of {op} are not connected in the coupling map {map.Description}.");
                for (var i = 0; i + 2 < path.Length; i++)
                {
                    output.Add(Operation.Gate(OperationKind.Swap, [path[i], path[i + 1]]));
                    var (a, b) = (at[path[i]], at[path[i + 1]]);
                    (at[path[i]], at[path[i + 1]]) = (b, a);
                    layout[a] = path[i + 1];
                    layout[b] = path[i];
                    swaps++;
                }
            }

            output.Add(op.Remap(q => layout[q]));
        }

        return new RouteResult(output, [.. initialLayout], layout, swaps);
    }
}
