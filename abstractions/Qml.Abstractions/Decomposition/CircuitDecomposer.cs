using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Decomposition;

/// <summary>
/// Rewrites a circuit into a backend's native gate set. Every rule is exact, including the
/// global phase (accumulated in <see cref="Circuit.GlobalPhase"/>), keeps angles affine in the
/// symbols, and ends in U + CX, which every gate set contains. Conditions carry over to every
/// operation a rule produces. Unitaries wider than the backend applies are decomposed too: one
/// qubit by ZYZ angles, two qubits by KAK with at most three CX (0, 1 or 2 when the gate allows),
/// k ≥ 3 qubits by quantum Shannon steps down to two-qubit blocks ((23/48)·4^k − (3/2)·2^k + 4/3 CX:
/// 20, 100, 444 for 3, 4, 5 qubits), or down to the widest unitary the backend applies.
/// </summary>
public static class CircuitDecomposer
{
    private const double Pi = Math.PI;

    /// <summary>Returns <paramref name="circuit"/> itself when it is already native.</summary>
    public static Circuit Decompose(Circuit circuit, GateSet native)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(native);
        if (circuit.Operations.All(o => IsNative(o, native)))
        {
            return circuit;
        }

        var output = new List<Operation>(circuit.Operations.Length * 2);
        var phase = circuit.GlobalPhase;
        foreach (var operation in circuit.Operations)
        {
            Expand(operation, native, output, ref phase, depth: 0);
        }

        return circuit.WithOperations(output, phase);
    }

    /// <summary>True when <paramref name="native"/> applies the operation as it stands.</summary>
    public static bool IsNative(Operation operation, GateSet native) =>
        native.Contains(operation.Kind)
        && (operation.Kind != OperationKind.Unitary || operation.Matrix!.QubitCount <= native.MaxUnitaryQubits);

    private static void Expand(Operation operation, GateSet native, List<Operation> output, ref Angle phase, int depth)
    {
        if (IsNative(operation, native))
        {
            output.Add(operation);
            return;
        }

        if (depth > UnitaryMatrix.MaxQubits + 8)
        {
            throw new InvalidOperationException($"Decomposition of {operation} did not terminate.");
        }

        if (!operation.Definition.IsUnitary)
        {
            throw new QmlException($"'{operation.Definition.Name}' is not supported by this backend and has no unitary decomposition; native operations: {native}.");
        }

        // A conditioned gate's phase becomes global too: harmless, since circuits with
        // conditions are only sampled and never return a state.
        var rule = new RuleWriter(operation.Condition);
        Rewrite(operation, rule, native, ref phase);
        foreach (var produced in rule.Operations)
        {
            Expand(produced, native, output, ref phase, depth + 1);
        }
    }

    private static void Rewrite(Operation op, RuleWriter w, GateSet native, ref Angle phase)
    {
        var q = op.Qubits;
        var a = op.Angles;
        switch (op.Kind)
        {
            case OperationKind.I:
                break;
            case OperationKind.X: w.U(q[0], Pi, 0, Pi); break;
            case OperationKind.Y: w.U(q[0], Pi, Pi / 2, Pi / 2); break;
            case OperationKind.Z: w.P(q[0], Pi); break;
            case OperationKind.H: w.U(q[0], Pi / 2, 0, Pi); break;
            case OperationKind.S: w.P(q[0], Pi / 2); break;
            case OperationKind.Sdg: w.P(q[0], -Pi / 2); break;
            case OperationKind.T: w.P(q[0], Pi / 4); break;
            case OperationKind.Tdg: w.P(q[0], -Pi / 4); break;
            case OperationKind.SX:
                w.Gate(OperationKind.RX, [q[0]], Pi / 2);
                phase += Pi / 4;
                break;
            case OperationKind.SXdg:
                w.Gate(OperationKind.RX, [q[0]], -Pi / 2);
                phase -= Pi / 4;
                break;
            case OperationKind.RX: w.U(q[0], a[0], -Pi / 2, Pi / 2); break;
            case OperationKind.RY: w.U(q[0], a[0], 0, 0); break;
            case OperationKind.RZ:
                w.P(q[0], a[0]);
                phase -= a[0] / 2;
                break;
            case OperationKind.P: w.U(q[0], 0, 0, a[0]); break;
            case OperationKind.CY:
                w.Gate(OperationKind.Sdg, [q[1]]).CX(q[0], q[1]).Gate(OperationKind.S, [q[1]]);
                break;
            case OperationKind.CZ:
                w.Gate(OperationKind.H, [q[1]]).CX(q[0], q[1]).Gate(OperationKind.H, [q[1]]);
                break;
            case OperationKind.CH:
                w.Gate(OperationKind.S, [q[1]]).Gate(OperationKind.H, [q[1]]).Gate(OperationKind.T, [q[1]])
                    .CX(q[0], q[1])
                    .Gate(OperationKind.Tdg, [q[1]]).Gate(OperationKind.H, [q[1]]).Gate(OperationKind.Sdg, [q[1]]);
                break;
            case OperationKind.CRX:
                w.P(q[1], Pi / 2).CX(q[0], q[1]).U(q[1], -a[0] / 2, 0, 0).CX(q[0], q[1]).U(q[1], a[0] / 2, -Pi / 2, 0);
                break;
            case OperationKind.CRY:
                w.Gate(OperationKind.RY, [q[1]], a[0] / 2).CX(q[0], q[1]).Gate(OperationKind.RY, [q[1]], -a[0] / 2).CX(q[0], q[1]);
                break;
            case OperationKind.CRZ:
                w.Gate(OperationKind.RZ, [q[1]], a[0] / 2).CX(q[0], q[1]).Gate(OperationKind.RZ, [q[1]], -a[0] / 2).CX(q[0], q[1]);
                break;
            case OperationKind.CP:
                w.P(q[0], a[0] / 2).CX(q[0], q[1]).P(q[1], -a[0] / 2).CX(q[0], q[1]).P(q[1], a[0] / 2);
                break;
            case OperationKind.Swap:
                w.CX(q[0], q[1]).CX(q[1], q[0]).CX(q[0], q[1]);
                break;
            case OperationKind.ISwap:
                w.Gate(OperationKind.S, [q[0]]).Gate(OperationKind.S, [q[1]]).Gate(OperationKind.H, [q[0]])
                    .CX(q[0], q[1]).CX(q[1], q[0]).Gate(OperationKind.H, [q[1]]);
                break;
            case OperationKind.RXX:
                w.Gate(OperationKind.H, [q[0]]).Gate(OperationKind.H, [q[1]])
                    .Gate(OperationKind.RZZ, [q[0], q[1]], a[0])
                    .Gate(OperationKind.H, [q[0]]).Gate(OperationKind.H, [q[1]]);
                break;
            case OperationKind.RYY:
                w.Gate(OperationKind.RX, [q[0]], Pi / 2).Gate(OperationKind.RX, [q[1]], Pi / 2)
                    .Gate(OperationKind.RZZ, [q[0], q[1]], a[0])
                    .Gate(OperationKind.RX, [q[0]], -Pi / 2).Gate(OperationKind.RX, [q[1]], -Pi / 2);
                break;
            case OperationKind.RZZ:
                w.CX(q[0], q[1]).Gate(OperationKind.RZ, [q[1]], a[0]).CX(q[0], q[1]);
                break;
            case OperationKind.CCX:
                {
                    int c0 = q[0], c1 = q[1], t = q[2];
                    w.Gate(OperationKind.H, [t]).CX(c1, t).Gate(OperationKind.Tdg, [t]).CX(c0, t)
                        .Gate(OperationKind.T, [t]).CX(c1, t).Gate(OperationKind.Tdg, [t]).CX(c0, t)
                        .Gate(OperationKind.T, [c1]).Gate(OperationKind.T, [t]).Gate(OperationKind.H, [t])
                        .CX(c0, c1).Gate(OperationKind.T, [c0]).Gate(OperationKind.Tdg, [c1]).CX(c0, c1);
                    break;
                }

            case OperationKind.CSwap:
                w.CX(q[2], q[1]).Gate(OperationKind.CCX, [q[0], q[1], q[2]]).CX(q[2], q[1]);
                break;
            case OperationKind.Unitary when op.Matrix!.QubitCount == 1:
                {
                    var (theta, phi, lambda, gamma) = GateMatrices.ZyzAngles(op.Matrix!.Entries.AsSpan());
                    w.U(q[0], theta, phi, lambda);
                    phase += gamma;
                    break;
                }

            case OperationKind.Unitary when op.Matrix!.QubitCount == 2:
                UnitaryRules.TwoQubitUnitary(op, JacobiSvd.NearestUnitary(op.Matrix!.Entries.AsSpan(), 4), [.. op.Qubits], w, ref phase);
                break;
            case OperationKind.Unitary when native.Contains(OperationKind.Unitary) && native.MaxUnitaryQubits >= 2:
                UnitaryRules.ShannonStep(op, w, ref phase);
                break;
            case OperationKind.Unitary:
                UnitaryRules.ShannonToTwoQubitBlocks(op, w, ref phase);
                break;
            default:
                throw new QmlException($"{op} has no decomposition rule.");
        }
    }
}
