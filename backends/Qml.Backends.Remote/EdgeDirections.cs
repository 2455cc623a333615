using System.Collections.Immutable;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>
/// The last step of routing: SWAPs become three CX unless <c>swap</c> is native, and on a
/// directed map every two-qubit gate is put on an allowed direction, exactly: a CX against the
/// edge becomes H⊗H · CX(target, control) · H⊗H, and a symmetric gate (cz, cp, swap, iswap,
/// rxx, ryy, rzz) has its qubits listed the other way round. H is written in the native gates
/// (h, else U(π/2, 0, π), else RZ(π/2)·SX·RZ(π/2), equal up to a global phase).
/// </summary>
internal static class EdgeDirections
{
    /// <summary>Two-qubit gates whose matrix is the same with the qubits exchanged.</summary>
    public static readonly ImmutableHashSet<OperationKind> Symmetric =
        [OperationKind.CZ, OperationKind.CP, OperationKind.Swap, OperationKind.ISwap, OperationKind.RXX, OperationKind.RYY, OperationKind.RZZ];

    public static List<Operation> Apply(IReadOnlyList<Operation> routed, CouplingMap map, ImmutableHashSet<OperationKind> native)
    {
        var nativeSwap = native.Contains(OperationKind.Swap);
        var output = new List<Operation>(routed.Count + (routed.Count / 2));
        foreach (var op in routed)
        {
            if (op.Kind == OperationKind.Swap && !nativeSwap)
            {
                // Two of the three CX run along the edge; only the middle one may need turning.
                var (a, b) = map.Allows(op.Qubits[0], op.Qubits[1]) ? (op.Qubits[0], op.Qubits[1]) : (op.Qubits[1], op.Qubits[0]);
                Place(Operation.Gate(OperationKind.CX, [a, b]).WithCondition(op.Condition), map, native, output);
                Place(Operation.Gate(OperationKind.CX, [b, a]).WithCondition(op.Condition), map, native, output);
                Place(Operation.Gate(OperationKind.CX, [a, b]).WithCondition(op.Condition), map, native, output);
                continue;
            }

            Place(op, map, native, output);
        }

        return output;
    }

    private static void Place(Operation op, CouplingMap map, ImmutableHashSet<OperationKind> native, List<Operation> output)
    {
        if (!map.IsDirected || op.Kind == OperationKind.Barrier || op.Qubits.Length != 2 || map.Allows(op.Qubits[0], op.Qubits[1]))
        {
            output.Add(op);
            return;
        }

        var (control, target) = (op.Qubits[0], op.Qubits[1]);
        if (Symmetric.Contains(op.Kind))
        {
            output.Add(Operation.Gate(op.Kind, [target, control], [.. op.Angles]).WithCondition(op.Condition));
            return;
        }

        if (op.Kind != OperationKind.CX)
        {
            throw new InvalidOperationException($"{op} runs against the coupling map's direction and is neither cx nor symmetric; it should have been decomposed to cx.");
        }

        H(control, op.Condition, native, output);
        H(target, op.Condition, native, output);
        output.Add(Operation.Gate(OperationKind.CX, [target, control]).WithCondition(op.Condition));
        H(control, op.Condition, native, output);
        H(target, op.Condition, native, output);
    }

    private static void H(int qubit, ClassicalCondition? condition, ImmutableHashSet<OperationKind> native, List<Operation> output)
    {
        if (native.Contains(OperationKind.H))
        {
            output.Add(Operation.Gate(OperationKind.H, [qubit]).WithCondition(condition));
        }
        else if (native.Contains(OperationKind.U))
        {
            output.Add(Operation.Gate(OperationKind.U, [qubit], Math.PI / 2, 0, Math.PI).WithCondition(condition));
        }
        else
        {
            output.Add(Operation.Gate(OperationKind.RZ, [qubit], Math.PI / 2).WithCondition(condition));
            output.Add(Operation.Gate(OperationKind.SX, [qubit]).WithCondition(condition));
            output.Add(Operation.Gate(OperationKind.RZ, [qubit], Math.PI / 2).WithCondition(condition));
        }
    }
}
