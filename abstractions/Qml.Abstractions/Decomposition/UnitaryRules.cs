using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Decomposition;

/// <summary>
/// The rules for <see cref="OperationKind.Unitary"/> operations wider than a backend applies:
/// KAK for two qubits, quantum Shannon steps for more (see <see cref="ShannonDecomposition"/>).
/// </summary>
internal static class UnitaryRules
{
    /// <summary>KAK of <paramref name="matrix"/> (part of <paramref name="op"/>) on two qubits: at most three CX, fewer when the Weyl coordinates allow.</summary>
    public static void TwoQubitUnitary(Operation op, Complex[] matrix, int[] qubits, RuleWriter w, ref Angle phase)
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
    public static void ShannonToTwoQubitBlocks(Operation op, RuleWriter w, ref Angle phase)
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
    public static void ShannonStep(Operation op, RuleWriter w, ref Angle phase)
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
    public static void CheckDeviation(Operation op, double deviation)
    {
        if (!(deviation <= UnitaryMatrix.Tolerance))
        {
            throw new QmlException(
                $"{op}: the decomposition of its matrix (made exactly unitary first) deviates from it by {deviation:G3} "
                + $"(max entry; tolerance {UnitaryMatrix.Tolerance:G1}); the numerical decomposition failed for this matrix, so apply it on a backend that takes unitaries natively.");
        }
    }
}
