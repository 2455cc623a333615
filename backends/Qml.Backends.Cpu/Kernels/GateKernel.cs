using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// One gate, reduced to what a kernel needs: its shape, its qubits and its numbers. A value type
/// with inline storage, built per gate without allocating; dense and diagonal entries live in
/// a buffer the caller owns for the whole request.
/// </summary>
internal struct GateKernel
{
    public KernelKind Kind;

    /// <summary>Target of <see cref="KernelKind.Single"/> and <see cref="KernelKind.Phase"/>.</summary>
    public int Target;

    /// <summary>Bits that must be set for the gate to act.</summary>
    public nuint ControlMask;

    /// <summary>The two amplitude offsets <see cref="KernelKind.SwapPairs"/> exchanges.</summary>
    public nuint SwapA;

    public nuint SwapB;

    /// <summary>Row-major 2×2 of <see cref="KernelKind.Single"/>; diag(M00, M11) for <see cref="KernelKind.Phase"/>.</summary>
    public Complex M00;

    public Complex M01;

    public Complex M10;

    public Complex M11;

    /// <summary>Every qubit the gate touches (controls included), ascending: the zero bits of a group.</summary>
    public QubitPositions Involved;

    public int InvolvedCount;

    /// <summary>Qubits in matrix order (bit j of a matrix index is Operand[j]) for dense and diagonal kernels.</summary>
    public QubitPositions Operand;

    public int OperandCount;

    /// <summary>Dense: 4^k entries row-major; diagonal: 2^k entries.</summary>
    public Complex[]? Entries;

    /// <summary>Amplitude groups one application walks: 2^(n − involved qubits).</summary>
    public readonly nuint GroupCount(int qubitCount) => (nuint)1 << (qubitCount - InvolvedCount);

    /// <summary>The lowest involved qubit, which decides whether SIMD lanes can share one gate operand.</summary>
    public readonly int LowestInvolved => InvolvedCount == 0 ? int.MaxValue : Involved[0];

    [UnscopedRef]
    public readonly ReadOnlySpan<int> InvolvedSpan => ((ReadOnlySpan<int>)Involved)[..InvolvedCount];

    [UnscopedRef]
    public readonly ReadOnlySpan<int> OperandSpan => ((ReadOnlySpan<int>)Operand)[..OperandCount];

    /// <summary>Records the qubits in matrix order and their ascending set.</summary>
    public void SetQubits(ReadOnlySpan<int> qubitsInMatrixOrder)
    {
        OperandCount = qubitsInMatrixOrder.Length;
        InvolvedCount = qubitsInMatrixOrder.Length;
        for (var i = 0; i < qubitsInMatrixOrder.Length; i++)
        {
            Operand[i] = qubitsInMatrixOrder[i];
            Involved[i] = qubitsInMatrixOrder[i];
        }

        ((Span<int>)Involved)[..InvolvedCount].Sort();
    }
}
