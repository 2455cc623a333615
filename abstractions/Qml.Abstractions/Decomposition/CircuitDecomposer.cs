using System.Numerics;
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
                TwoQubitUnitary(op, JacobiSvd.NearestUnitary(op.Matrix!.Entries.AsSpan(), 4), [.. op.Qubits], w, ref phase);
                break;
            case OperationKind.Unitary when native.Contains(OperationKind.Unitary) && native.MaxUnitaryQubits >= 2:
                ShannonStep(op, w, ref phase);
                break;
            case OperationKind.Unitary:
                ShannonToTwoQubitBlocks(op, w, ref phase);
                break;
            default:
                throw new QmlException($"{op} has no decomposition rule.");
        }
    }

    /// <summary>KAK of <paramref name="matrix"/> (part of <paramref name="op"/>) on two qubits: at most three CX, fewer when the Weyl coordinates allow.</summary>
    private static void TwoQubitUnitary(Operation op, Complex[] matrix, int[] qubits, RuleWriter w, ref Angle phase)
    {
        var circuit = TwoQubitDecomposition.Decompose(matrix);
        CheckDeviation(op, circuit.Deviation);
        foreach (var gate in circuit.Gates)
        {
            if (gate.Matrix is { } local)
            {
                var (theta, phi, lambda, gamma) = GateMatrices.ZyzAngles(local);
                w.U(qubits[gate.Qubit], theta, phi, lambda);
                phase += gamma;
            }
            else
            {
                w.CX(qubits[gate.Qubit], qubits[gate.Target]);
            }
        }

        phase += circuit.GlobalPhase;
    }

    /// <summary>
    /// Shannon steps all the way down to two-qubit blocks, which all act on the operation's first two
    /// qubits. Between two blocks stand only multiplexors that use those qubits as controls, so a
    /// diagonal on them commutes through: each block but the last is split as D†·(D·B) with D·B
    /// needing two CX, and D† moves into the next block (Shende–Bullock–Markov's second optimisation).
    /// </summary>
    private static void ShannonToTwoQubitBlocks(Operation op, RuleWriter w, ref Angle phase)
    {
        var matrix = op.Matrix!;
        var blocks = new List<(int Position, Complex[] Matrix)>();
        ShannonRecursion(op, JacobiSvd.NearestUnitary(matrix.Entries.AsSpan(), matrix.Dimension), [.. op.Qubits], w, blocks, ref phase);

        int[] pair = [op.Qubits[0], op.Qubits[1]];
        var expanded = new List<Operation>[blocks.Count];
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b].Matrix;
            if (b < blocks.Count - 1)
            {
                var d = TwoQubitDecomposition.DiagonalForTwoCx(block);
                var next = blocks[b + 1].Matrix;
                for (var r = 0; r < 4; r++)
                {
                    for (var c = 0; c < 4; c++)
                    {
                        block[(r * 4) + c] *= d[r];
                        next[(r * 4) + c] *= Complex.Conjugate(d[c]);
                    }
                }
            }

            var writer = w.Sibling();
            TwoQubitUnitary(op, block, pair, writer, ref phase);
            expanded[b] = writer.Operations;
        }

        // Back to front, so the recorded positions stay valid.
        for (var b = blocks.Count - 1; b >= 0; b--)
        {
            w.Operations.InsertRange(blocks[b].Position, expanded[b]);
        }
    }

    private static void ShannonRecursion(Operation op, Complex[] u, int[] qubits, RuleWriter w, List<(int Position, Complex[] Matrix)> blocks, ref Angle phase)
    {
        if (qubits.Length == 2)
        {
            blocks.Add((w.Operations.Count, u));
            return;
        }

        var step = ShannonDecomposition.Of(u, 1 << qubits.Length);
        CheckDeviation(op, step.Deviation);
        int[] lower = qubits[..^1];
        var top = qubits[^1];
        ShannonRecursion(op, step.RightW, lower, w, blocks, ref phase);
        Multiplexed(w, OperationKind.RZ, step.RightRz, lower, top);
        ShannonRecursion(op, step.RightV, lower, w, blocks, ref phase);
        MultiplexedRyOnCz(w, step.Ry, lower, top, ref phase);
        ShannonRecursion(op, step.LeftW, lower, w, blocks, ref phase);
        Multiplexed(w, OperationKind.RZ, step.LeftRz, lower, top);
        ShannonRecursion(op, step.LeftV, lower, w, blocks, ref phase);
    }

    /// <summary>
    /// One quantum Shannon step on the operation's last qubit: four unitaries on the other qubits
    /// (decomposed in turn, or kept when the backend applies them) and three multiplexed rotations.
    /// </summary>
    private static void ShannonStep(Operation op, RuleWriter w, ref Angle phase)
    {
        var matrix = op.Matrix!;
        var step = ShannonDecomposition.Of(JacobiSvd.NearestUnitary(matrix.Entries.AsSpan(), matrix.Dimension), matrix.Dimension);
        CheckDeviation(op, step.Deviation);
        int[] lower = [.. op.Qubits[..^1]];
        var top = op.Qubits[^1];
        w.Unitary(op, step.RightW, lower);
        Multiplexed(w, OperationKind.RZ, step.RightRz, lower, top);
        w.Unitary(op, step.RightV, lower);
        MultiplexedRyOnCz(w, step.Ry, lower, top, ref phase);
        w.Unitary(op, step.LeftW, lower);
        Multiplexed(w, OperationKind.RZ, step.LeftRz, lower, top);
        w.Unitary(op, step.LeftV, lower);
    }

    /// <summary>Rotates <paramref name="target"/> by angles[j] when the controls are in state j: 2^c rotations and 2^c CX along a Gray code.</summary>
    private static void Multiplexed(RuleWriter w, OperationKind kind, double[] angles, int[] controls, int target)
    {
        var phi = ShannonDecomposition.GrayCodeAngles(angles);
        for (var l = 0; l < phi.Length; l++)
        {
            if (phi[l] != 0)
            {
                w.Gate(kind, [target], phi[l]);
            }

            w.CX(controls[ShannonDecomposition.GrayCodeControl(l, phi.Length)], target);
        }
    }

    /// <summary>
    /// The RY multiplexor on CZ with its last CZ left out (the step absorbed it): with CZ = H·CX·H,
    /// the one-qubit gates between the CX are H·RY(φ₀), RY(−φₗ) (H·RY·H) and RY(φ_last)·H, so it
    /// costs 2^c − 1 CX and 2^c one-qubit gates.
    /// </summary>
    private static void MultiplexedRyOnCz(RuleWriter w, double[] angles, int[] controls, int target, ref Angle phase)
    {
        var phi = ShannonDecomposition.GrayCodeAngles(angles);
        var h = GateMatrices.Create(OperationKind.H);
        var last = phi.Length - 1;
        for (var l = 0; l <= last; l++)
        {
            if (l == 0 || l == last)
            {
                var ry = GateMatrices.Create(OperationKind.RY, phi[l]);
                var product = l == 0 ? ComplexMatrix.Multiply(h, ry, 2) : ComplexMatrix.Multiply(ry, h, 2);
                var (theta, phiAngle, lambda, gamma) = GateMatrices.ZyzAngles(product);
                w.U(target, theta, phiAngle, lambda);
                phase += gamma;
            }
            else if (phi[l] != 0)
            {
                w.Gate(OperationKind.RY, [target], -phi[l]);
            }

            if (l < last)
            {
                w.CX(controls[ShannonDecomposition.GrayCodeControl(l, phi.Length)], target);
            }
        }
    }

    /// <summary>Refuses a decomposition that missed its matrix, naming the operation and the deviation.</summary>
    internal static void CheckDeviation(Operation op, double deviation)
    {
        if (!(deviation <= UnitaryMatrix.Tolerance))
        {
            throw new QmlException(
                $"{op}: the decomposition of its matrix (made exactly unitary first) deviates from it by {deviation:G3} "
                + $"(max entry; tolerance {UnitaryMatrix.Tolerance:G1}); the numerical decomposition failed for this matrix, so apply it on a backend that takes unitaries natively.");
        }
    }

    /// <summary>Collects the operations a rule produces, with the original condition.</summary>
    private sealed class RuleWriter(ClassicalCondition? condition)
    {
        public List<Operation> Operations { get; } = [];

        public RuleWriter Gate(OperationKind kind, int[] qubits, params Angle[] angles)
        {
            Operations.Add(Operation.Gate(kind, qubits, angles).WithCondition(condition));
            return this;
        }

        public RuleWriter U(int qubit, Angle theta, Angle phi, Angle lambda) => Gate(OperationKind.U, [qubit], theta, phi, lambda);

        public RuleWriter P(int qubit, Angle lambda) => Gate(OperationKind.P, [qubit], lambda);

        public RuleWriter CX(int control, int target) => Gate(OperationKind.CX, [control, target]);

        /// <summary>An empty writer with the same condition.</summary>
        public RuleWriter Sibling() => new(condition);

        /// <summary>A unitary produced by decomposing <paramref name="source"/>; validation failures name it.</summary>
        public RuleWriter Unitary(Operation source, Complex[] entries, int[] qubits)
        {
            UnitaryMatrix matrix;
            try
            {
                matrix = new UnitaryMatrix(entries);
            }
            catch (ArgumentException error)
            {
                throw new QmlException($"{source}: decomposing its matrix produced a non-unitary block ({error.Message}).", error);
            }

            Operations.Add(Operation.Unitary(matrix, qubits).WithCondition(condition));
            return this;
        }
    }
}
