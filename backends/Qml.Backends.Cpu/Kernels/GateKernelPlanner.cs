using System.Numerics;
using System.Runtime.InteropServices;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// The small map from a gate to the cheapest kernel shape that applies it exactly. The numbers
/// always come from <see cref="GateMatrices"/> (or the operation's own unitary); the shape comes
/// from the gate kind, which is why the adjoint (U†) keeps the shape of U.
/// </summary>
internal static class GateKernelPlanner
{
    /// <summary>Entries a named gate's matrix needs at most (8×8 for CCX and CSWAP).</summary>
    public const int NamedMatrixEntries = 64;

    /// <summary>
    /// Plans <paramref name="operation"/> with evaluated <paramref name="angles"/>.
    /// <paramref name="scratch"/> receives the matrix (and for diagonals the diagonal); it must
    /// hold <see cref="ScratchLength"/> entries for the operation and stay untouched while the kernel runs.
    /// </summary>
    public static GateKernel Plan(Operation operation, ReadOnlySpan<double> angles, Complex[] scratch, bool adjoint)
    {
        var kind = operation.Kind;
        var qubits = operation.Qubits.AsSpan();
        var kernel = default(GateKernel);
        kernel.SetQubits(qubits);
        switch (kind)
        {
            case OperationKind.I:
            case OperationKind.Barrier:
                kernel.Kind = KernelKind.Identity;
                kernel.InvolvedCount = 0;
                return kernel;

            // Permutations are real and symmetric, hence their own adjoints.
            case OperationKind.X:
                return Swap(kernel, 0, 0, Bit(qubits[0]));
            case OperationKind.CX:
                return Swap(kernel, Bit(qubits[0]), 0, Bit(qubits[1]));
            case OperationKind.CCX:
                return Swap(kernel, Bit(qubits[0]) | Bit(qubits[1]), 0, Bit(qubits[2]));
            case OperationKind.Swap:
                return Swap(kernel, 0, Bit(qubits[0]), Bit(qubits[1]));
            case OperationKind.CSwap:
                return Swap(kernel, Bit(qubits[0]), Bit(qubits[1]), Bit(qubits[2]));
            case OperationKind.Unitary:
                return FromMatrix(kernel, UnitaryEntries(operation, scratch, adjoint), operation.Matrix!.Dimension);
            default:
                break;
        }

        var dimension = GateMatrices.Dimension(kind);
        var matrix = scratch.AsSpan(0, dimension * dimension);
        GateMatrices.Fill(kind, angles, matrix);
        if (adjoint)
        {
            ConjugateTranspose(matrix, dimension);
        }

        var definition = GateDefinition.Of(kind);
        if (definition.ControlCount == 1 && definition.QubitCount == 2)
        {
            // Controlled 1-qubit gates: control is matrix bit 0, target bit 1; the target block
            // sits at rows/columns 1 and 3.
            kernel.ControlMask = Bit(qubits[0]);
            kernel.Target = qubits[1];
            kernel.M00 = matrix[(1 * 4) + 1];
            kernel.M01 = matrix[(1 * 4) + 3];
            kernel.M10 = matrix[(3 * 4) + 1];
            kernel.M11 = matrix[(3 * 4) + 3];
            kernel.Kind = definition.IsDiagonal ? KernelKind.Phase : KernelKind.Single;
            return kernel;
        }

        return FromMatrix(kernel, scratch, dimension, definition.IsDiagonal);
    }

    /// <summary>A dense kernel for any matrix (tests, and the fallback every shape is checked against).</summary>
    public static GateKernel Dense(ReadOnlySpan<int> qubits, Complex[] entries)
    {
        var kernel = default(GateKernel);
        kernel.SetQubits(qubits);
        kernel.Kind = KernelKind.Dense;
        kernel.Entries = entries;
        return kernel;
    }

    /// <summary>Scratch entries needed to plan every operation of <paramref name="circuit"/>.</summary>
    public static int ScratchLength(Circuit circuit)
    {
        var length = NamedMatrixEntries;
        foreach (var operation in circuit.Operations)
        {
            if (operation.Matrix is { } unitary)
            {
                length = Math.Max(length, unitary.Dimension * unitary.Dimension);
            }
        }

        return length;
    }

    private static GateKernel FromMatrix(GateKernel kernel, Complex[] entries, int dimension, bool diagonal = false)
    {
        if (dimension == 2)
        {
            kernel.Target = kernel.Operand[0];
            kernel.M00 = entries[0];
            kernel.M01 = entries[1];
            kernel.M10 = entries[2];
            kernel.M11 = entries[3];
            kernel.Kind = diagonal ? KernelKind.Phase : KernelKind.Single;
            return kernel;
        }

        if (diagonal)
        {
            // Compact the diagonal to the front of the scratch: entry (j, j) moves to j ≤ j·(d+1).
            for (var j = 0; j < dimension; j++)
            {
                entries[j] = entries[j * (dimension + 1)];
            }

            kernel.Kind = KernelKind.Diagonal;
        }
        else
        {
            kernel.Kind = KernelKind.Dense;
        }

        kernel.Entries = entries;
        return kernel;
    }

    private static Complex[] UnitaryEntries(Operation operation, Complex[] scratch, bool adjoint)
    {
        var unitary = operation.Matrix!;

        // The immutable array's own storage: read-only use, no copy per gate.
        var entries = ImmutableCollectionsMarshal.AsArray(unitary.Entries)!;
        if (!adjoint)
        {
            return entries;
        }

        var dimension = unitary.Dimension;
        entries.AsSpan().CopyTo(scratch);
        ConjugateTranspose(scratch.AsSpan(0, dimension * dimension), dimension);
        return scratch;
    }

    private static GateKernel Swap(GateKernel kernel, nuint controls, nuint a, nuint b)
    {
        kernel.Kind = KernelKind.SwapPairs;
        kernel.ControlMask = controls;
        kernel.SwapA = a;
        kernel.SwapB = b;
        return kernel;
    }

    private static nuint Bit(int qubit) => (nuint)1 << qubit;

    private static void ConjugateTranspose(Span<Complex> matrix, int dimension)
    {
        for (var r = 0; r < dimension; r++)
        {
            matrix[(r * dimension) + r] = Complex.Conjugate(matrix[(r * dimension) + r]);
            for (var c = r + 1; c < dimension; c++)
            {
                var upper = matrix[(r * dimension) + c];
                matrix[(r * dimension) + c] = Complex.Conjugate(matrix[(c * dimension) + r]);
                matrix[(c * dimension) + r] = Complex.Conjugate(upper);
            }
        }
    }
}
