using System.Collections.Immutable;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>
/// The optimization pass run after decomposition and routing (<c>-o optimization=1</c>), in the
/// spirit of Qiskit's levels 1–2, repeated until nothing improves:
/// <list type="number">
/// <item>every maximal run of numeric one-qubit gates on a qubit is multiplied out and written
/// again with the fewest native gates (<see cref="OneQubitSynthesis"/>) when that is shorter, or as
/// long with fewer non-diagonal gates;</item>
/// <item>a gate meets the next gate on its qubits that it does not commute with
/// (<see cref="GateCommutation"/>): two equal self-inverse gates (cx, cz, swap, h, x, …) cancel,
/// two rotations about one axis (rz, p, diagonal u through CX controls; x, sx, rx through CX
/// targets; cp, rzz, … on the same qubits; a diagonal gate into a neighbouring u) become one,
/// with symbolic angles added as affine expressions. For a CX a whole run of one-qubit gates
/// counts as one gate (H·RZ·H commutes with a CX target), and a SWAP's three CX are written the
/// other way round when that lets one cancel with a CX beside it.</item>
/// </list>
/// Nothing moves across a measurement, reset, barrier or classically conditioned gate; no gate is
/// added on two qubits, so a routed circuit keeps its edges and directions. The global phase is
/// kept exactly in <see cref="Circuit.GlobalPhase"/>.
/// </summary>
internal static partial class GateOptimizer
{
    /// <summary>A bound on the rounds; each round that changes something removes a gate or a non-diagonal gate, so it is rarely reached.</summary>
    public const int MaxRounds = 50;

    /// <summary>How many gates along a qubit a gate looks past for its partner, so long runs of commuting gates (a CX fan-out) stay linear in time.</summary>
    public const int MaxLookahead = 1000;

    /// <param name="circuit">A circuit in the native gates.</param>
    /// <param name="native">The native gates; one-qubit runs are written with them.</param>
    /// <param name="allows">Whether a CX may run from the first qubit to the second (a directed coupling map); null: any direction.</param>
    public static Circuit Optimize(Circuit circuit, ImmutableHashSet<OperationKind> native, Func<int, int, bool>? allows = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var synthesis = new OneQubitSynthesis(native);
        var operations = circuit.Operations.ToList();
        var phase = circuit.GlobalPhase;
        var cost = Cost(operations);
        for (var round = 0; round < MaxRounds; round++)
        {
            operations = MergeOneQubitRuns(operations, circuit.QubitCount, synthesis, ref phase);
            operations = CancelAndMerge(operations, circuit.QubitCount, synthesis, allows ?? ((_, _) => true), ref phase);
            operations = MergeRunsThroughCommutingGates(operations, circuit.QubitCount, synthesis, ref phase);
            var next = Cost(operations);
            if (next.CompareTo(cost) >= 0)
            {
                break;
            }

            cost = next;
        }

        return circuit.WithOperations(operations, phase);
    }

    /// <summary>Gates, then gates that are not diagonal one-qubit gates (sx and x are real pulses; rz is a frame change).</summary>
    private static (int Gates, int Pulses) Cost(IReadOnlyCollection<Operation> operations) =>
        (operations.Count, operations.Count(o => !(o.Qubits.Length == 1 && GateCommutation.IsZType(o, 0))));
}
