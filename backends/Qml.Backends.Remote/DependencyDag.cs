using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>
/// The order a circuit must keep: an operation follows the last earlier operation on each of
/// its qubits and on each classical bit it writes or is conditioned on. Everything else may
/// move, which is what lets a router run whichever gates are ready.
/// </summary>
internal sealed class DependencyDag
{
    public DependencyDag(IReadOnlyList<Operation> operations, int qubits)
    {
        Operations = operations;
        var successors = new List<int>[operations.Count];
        var predecessors = new int[operations.Count];
        var lastOnQubit = new int[qubits];
        Array.Fill(lastOnQubit, -1);
        var lastOnBit = new Dictionary<int, int>();
        for (var i = 0; i < operations.Count; i++)
        {
            successors[i] = [];
            var op = operations[i];
            foreach (var q in op.Qubits)
            {
                Link(lastOnQubit[q], i);
                lastOnQubit[q] = i;
            }

            foreach (var bit in op.ClassicalBits.Concat(op.Condition?.Bits ?? []))
            {
                Link(lastOnBit.GetValueOrDefault(bit, -1), i);
                lastOnBit[bit] = i;
            }
        }

        Successors = successors;
        Predecessors = predecessors;
        IsFinalMeasurement = FinalMeasurements(operations, qubits);

        void Link(int from, int to)
        {
            // Operations are added in order, so a repeated edge is always the last one added.
            if (from >= 0 && (successors[from].Count == 0 || successors[from][^1] != to))
            {
                successors[from].Add(to);
                predecessors[to]++;
            }
        }
    }

    public IReadOnlyList<Operation> Operations { get; }

    public IReadOnlyList<List<int>> Successors { get; }

    /// <summary>How many operations each one waits for.</summary>
    public IReadOnlyList<int> Predecessors { get; }

    public int Count => Operations.Count;

    /// <summary>
    /// Unconditioned measurements after which nothing touches their qubit and nothing but other
    /// such measurements touches their bit: they can wait until the end, wherever their qubit is.
    /// </summary>
    public IReadOnlyList<bool> IsFinalMeasurement { get; }

    private static bool[] FinalMeasurements(IReadOnlyList<Operation> operations, int qubits)
    {
        var final = new bool[operations.Count];
        var qubitUsedLater = new bool[qubits];
        var bitUsedLater = new HashSet<int>();
        for (var i = operations.Count - 1; i >= 0; i--)
        {
            var op = operations[i];
            if (op.Kind == OperationKind.Measure && op.Condition is null && !qubitUsedLater[op.Qubits[0]] && !bitUsedLater.Contains(op.ClassicalBits[0]))
            {
                final[i] = true;
                qubitUsedLater[op.Qubits[0]] = true;
                continue;
            }

            foreach (var q in op.Qubits)
            {
                qubitUsedLater[q] = true;
            }

            bitUsedLater.UnionWith(op.ClassicalBits);
            bitUsedLater.UnionWith(op.Condition?.Bits ?? []);
        }

        return final;
    }
}
