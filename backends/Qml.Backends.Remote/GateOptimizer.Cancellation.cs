using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>
/// Step 2: gates meet the next gate on their qubits they do not commute with (a run of one-qubit
/// gates counting as one gate for a CX), and cancel or merge with it.
/// </summary>
internal static partial class GateOptimizer
{
    private static List<Operation> CancelAndMerge(List<Operation> operations, int qubits, OneQubitSynthesis synthesis, Func<int, int, bool> allows, ref Angle phase)
    {
        var ops = operations.ToArray<Operation?>();
        var wires = Enumerable.Range(0, qubits).Select(_ => new List<int>()).ToArray();
        var place = new int[ops.Length][];
        for (var i = 0; i < ops.Length; i++)
        {
            var op = ops[i]!;
            place[i] = new int[op.Qubits.Length];
            for (var k = 0; k < op.Qubits.Length; k++)
            {
                place[i][k] = wires[op.Qubits[k]].Count;
                wires[op.Qubits[k]].Add(i);
            }
        }

        var (runs, runOf) = OneQubitRuns(ops, wires);
        TurnSwapsTowardsCx();
        for (var i = 0; i < ops.Length; i++)
        {
            if (ops[i] is not { } op || !GateCommutation.IsPlainGate(op) || !MayMeetPartner(op))
            {
                continue;
            }

            var j = Partner(i);
            if (j >= 0 && Combine(op, ops[j]!, synthesis) is { } combined)
            {
                ops[i] = null;
                ops[j] = combined.Gate;
                phase += combined.Phase;

                // The runs these gates belonged to are no longer what was multiplied out.
                foreach (var changed in new[] { runOf[i], runOf[j] }.Where(r => r >= 0))
                {
                    runs[changed] = runs[changed] with { Commutes = RunCommutes.Nothing };
                }
            }
        }

        return [.. ops.Where(o => o is not null).Select(o => o!)];

        // A SWAP written CX(a,b)·CX(b,a)·CX(a,b) is also CX(b,a)·CX(a,b)·CX(b,a), exactly. When a
        // CX(b,a) stands right before or after it on both qubits and the edge allows both
        // directions, the SWAP is written the other way so one of its CX cancels with that CX.
        void TurnSwapsTowardsCx()
        {
            for (var i = 0; i < ops.Length; i++)
            {
                if (ops[i] is not { Kind: OperationKind.CX } first || first.Condition is not null)
                {
                    continue;
                }

                var (a, b) = (first.Qubits[0], first.Qubits[1]);
                var middle = NextOnBoth(i);
                var last = middle < 0 ? -1 : NextOnBoth(middle);
                if (last < 0 || !IsCx(middle, b, a) || !IsCx(last, a, b) || !allows(a, b) || !allows(b, a))
                {
                    continue;
                }

                if (IsCx(NextOnBoth(last), b, a) || IsCx(PreviousOnBoth(i), b, a))
                {
                    ops[i] = ops[last] = Operation.Gate(OperationKind.CX, [b, a]);
                    ops[middle] = Operation.Gate(OperationKind.CX, [a, b]);
                }
            }
        }

        bool IsCx(int index, int control, int target) =>
            index >= 0 && ops[index] is { Kind: OperationKind.CX, Condition: null } op && op.Qubits[0] == control && op.Qubits[1] == target;

        // The next (previous) operation on both qubits of a two-qubit operation, if it is the same one on both.
        int NextOnBoth(int i) => Neighbour(i, +1);

        int PreviousOnBoth(int i) => Neighbour(i, -1);

        int Neighbour(int i, int step)
        {
            if (i < 0)
            {
                return -1;
            }

            var found = -2;
            for (var k = 0; k < 2; k++)
            {
                var wire = wires[ops[i]!.Qubits[k]];
                var w = place[i][k] + step;
                while (w >= 0 && w < wire.Count && ops[wire[w]] is null)
                {
                    w += step;
                }

                var hit = w >= 0 && w < wire.Count ? wire[w] : -1;
                if (hit < 0 || (found != -2 && hit != found))
                {
                    return -1;
                }

                found = hit;
            }

            return found;
        }

        // The first gate on the op's qubits it does not commute with, if that gate is its partner on every one of its qubits.
        int Partner(int i)
        {
            var op = ops[i]!;
            var found = -1;
            for (var k = 0; k < op.Qubits.Length; k++)
            {
                var wire = wires[op.Qubits[k]];
                var hit = -1;
                for (var w = place[i][k] + 1; w < Math.Min(wire.Count, place[i][k] + 1 + MaxLookahead); w++)
                {
                    if (ops[wire[w]] is not { } other)
                    {
                        continue;
                    }

                    if (IsPartner(op, other))
                    {
                        hit = wire[w];
                        break;
                    }

                    // A whole run of one-qubit gates may commute where its gates one by one do not (H·RZ·H past a CX target).
                    if (op.Qubits.Length > 1 && runOf[wire[w]] is var r and >= 0 && runs[r].First == w
                        && (((runs[r].Commutes & RunCommutes.Z) != 0 && GateCommutation.IsZType(op, k)) || ((runs[r].Commutes & RunCommutes.X) != 0 && GateCommutation.IsXType(op, k))))
                    {
                        w = runs[r].Last;
                        continue;
                    }

                    if (!GateCommutation.Commute(op, other))
                    {
                        return -1;
                    }
                }

                if (hit < 0 || (found >= 0 && hit != found))
                {
                    return -1;
                }

                found = hit;
            }

            return found;
        }
    }

    /// <summary>
    /// The maximal runs of numeric one-qubit gates along each qubit (first and last place on the
    /// wire) with what their product commutes with, and each operation's run (−1: none).
    /// </summary>
    private static (List<OneQubitRun> Runs, int[] RunOf) OneQubitRuns(Operation?[] ops, List<int>[] wires)
    {
        var runs = new List<OneQubitRun>();
        var runOf = new int[ops.Length];
        Array.Fill(runOf, -1);
        for (var qubit = 0; qubit < wires.Length; qubit++)
        {
            var wire = wires[qubit];
            for (var w = 0; w < wire.Count; w++)
            {
                if (!InRun(ops[wire[w]]))
                {
                    continue;
                }

                var first = w;
                var product = Matrix2.Identity;
                for (; w < wire.Count && InRun(ops[wire[w]]); w++)
                {
                    product = Matrix2.Of(ops[wire[w]]!).Times(product);
                    runOf[wire[w]] = runs.Count;
                }

                w--;
                var commutes = RunCommutes.Nothing;
                if (product.B.Magnitude <= OneQubitSynthesis.Tolerance && product.C.Magnitude <= OneQubitSynthesis.Tolerance)
                {
                    commutes |= RunCommutes.Z;
                }

                if ((product.A - product.D).Magnitude <= OneQubitSynthesis.Tolerance && (product.B - product.C).Magnitude <= OneQubitSynthesis.Tolerance)
                {
                    commutes |= RunCommutes.X;
                }

                runs.Add(new OneQubitRun(qubit, first, w, commutes));
            }
        }

        return (runs, runOf);

        static bool InRun(Operation? op) => op is not null && op.Qubits.Length == 1 && GateCommutation.IsPlainGate(op) && !op.IsSymbolic;
    }

    private static bool MayMeetPartner(Operation op) =>
        op.Qubits.Length == 1
            ? GateCommutation.IsZType(op, 0) || GateCommutation.IsXType(op, 0) || GateCommutation.IsSelfInverse(op.Kind) || op.Kind == OperationKind.U
            : GateCommutation.IsSelfInverse(op.Kind) || GateCommutation.AnglesAdd(op.Kind);

    private static bool IsPartner(Operation op, Operation other)
    {
        if (!GateCommutation.IsPlainGate(other))
        {
            return false;
        }

        if (op.Qubits.Length == 1)
        {
            return other.Qubits.Length == 1 && (
                (GateCommutation.IsZType(op, 0) && GateCommutation.IsZType(other, 0))
                || (GateCommutation.IsXType(op, 0) && GateCommutation.IsXType(other, 0))
                || (op.Kind == other.Kind && GateCommutation.IsSelfInverse(op.Kind))
                || (op.Kind == OperationKind.U && GateCommutation.IsZType(other, 0))
                || (other.Kind == OperationKind.U && GateCommutation.IsZType(op, 0)));
        }

        return GateCommutation.SameGateAndQubits(op, other);
    }

    /// <summary>What <paramref name="first"/> then <paramref name="second"/> become (null gate: nothing), with the phase to add; null when that is not shorter.</summary>
    private static (Operation? Gate, Angle Phase)? Combine(Operation first, Operation second, OneQubitSynthesis synthesis)
    {
        if (first.Qubits.Length > 1)
        {
            return GateCommutation.IsSelfInverse(first.Kind) ? (null, Angle.Zero) : AddAngles(first, second);
        }

        if (!first.IsSymbolic && !second.IsSymbolic)
        {
            var product = Matrix2.Of(second).Times(Matrix2.Of(first));
            return synthesis.Synthesize(product, second.Qubits[0]) is { Gates.Count: <= 1 } written
                ? (written.Gates.SingleOrDefault(), written.Phase)
                : null;
        }

        if (GateCommutation.IsZType(first, 0) && GateCommutation.IsZType(second, 0))
        {
            var (a, aPhase) = AsRz(first);
            var (b, bPhase) = AsRz(second);
            var angle = a + b;
            var gate = second.Kind is OperationKind.RZ or OperationKind.P or OperationKind.U
                ? (second.Kind == OperationKind.U ? Operation.Gate(OperationKind.U, second.Qubits.AsSpan(), 0.0, 0.0, angle) : Operation.Gate(second.Kind, second.Qubits.AsSpan(), angle))
                : synthesis.Diagonal(second.Qubits[0], angle);
            var total = aPhase + bPhase - AsRz(gate).Phase;

            // Symbols that cancel (rz(a)·rz(−a)) leave a number, maybe the identity up to a phase.
            return angle.IsConstant && Matrix2.Identity.PhaseOver(Matrix2.Of(gate), OneQubitSynthesis.Tolerance) is { } alpha
                ? (null, total - alpha)
                : (gate, total);
        }

        // U(θ, φ, λ) = P(φ)·RY(θ)·P(λ): a diagonal gate before it adds to λ, after it to φ.
        if (second.Kind == OperationKind.U && GateCommutation.IsZType(first, 0))
        {
            var (a, aPhase) = AsRz(first);
            return (second.WithAngles([second.Angles[0], second.Angles[1], second.Angles[2] + a]), aPhase - (a / 2));
        }

        if (first.Kind == OperationKind.U && GateCommutation.IsZType(second, 0))
        {
            var (b, bPhase) = AsRz(second);
            return (first.WithAngles([first.Angles[0], first.Angles[1] + b, first.Angles[2]]), bPhase - (b / 2));
        }

        if (GateCommutation.IsXType(first, 0) && GateCommutation.IsXType(second, 0) && second.Kind == OperationKind.RX && first.Kind == OperationKind.RX)
        {
            return (Operation.Gate(OperationKind.RX, second.Qubits.AsSpan(), first.Angles[0] + second.Angles[0]), Angle.Zero);
        }

        return null;
    }

    /// <summary>A diagonal one-qubit gate as e^{i·phase}·RZ(angle).</summary>
    private static (Angle Angle, Angle Phase) AsRz(Operation op) => op.Kind switch
    {
        OperationKind.RZ => (op.Angles[0], Angle.Zero),
        OperationKind.P => (op.Angles[0], op.Angles[0] / 2),
        OperationKind.U => (op.Angles[1] + op.Angles[2], (op.Angles[1] + op.Angles[2]) / 2),
        OperationKind.Z => (Math.PI, Math.PI / 2),
        OperationKind.S => (Math.PI / 2, Math.PI / 4),
        OperationKind.Sdg => (-Math.PI / 2, -Math.PI / 4),
        OperationKind.T => (Math.PI / 4, Math.PI / 8),
        OperationKind.Tdg => (-Math.PI / 4, -Math.PI / 8),
        OperationKind.I => (Angle.Zero, Angle.Zero),
        _ => throw new ArgumentException($"{op} is not diagonal.", nameof(op)),
    };

    /// <summary>Two rotations about one two-qubit axis on the same qubits: one rotation by the sum, or nothing when that is the identity up to a phase.</summary>
    private static (Operation? Gate, Angle Phase)? AddAngles(Operation first, Operation second)
    {
        var angle = first.Angles[0] + second.Angles[0];
        var merged = second.WithAngles([angle]);
        if (!angle.IsConstant)
        {
            return (merged, Angle.Zero);
        }

        var matrix = GateMatrices.Create(second.Kind, angle.Constant);
        var identity = new Complex[16];
        for (var d = 0; d < 4; d++)
        {
            identity[(d * 4) + d] = matrix[0];
        }

        var isPhase = matrix.Select((entry, index) => (entry - identity[index]).Magnitude).Max() <= 1e-14;
        return isPhase ? (null, matrix[0].Phase) : (merged, Angle.Zero);
    }
}

/// <summary>What a run's product commutes with on its qubit (diagonal: Z; [[a, b], [b, a]]: X).</summary>
[Flags]
internal enum RunCommutes
{
    Nothing = 0,
    Z = 1,
    X = 2,
}

/// <summary>A run of one-qubit gates: its qubit, its first and last place on the qubit's wire and what its product commutes with.</summary>
internal readonly record struct OneQubitRun(int Qubit, int First, int Last, RunCommutes Commutes);
