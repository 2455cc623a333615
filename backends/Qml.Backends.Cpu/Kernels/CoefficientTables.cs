using System.Runtime.CompilerServices;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>
/// Where a dense block kernel reads its matrix from. A row of the table holds, for each input
/// register j, the real and the imaginary part of its factor; <see cref="BroadcastTable{TWidth, TVector}"/>
/// stores one double each (every lane shares it: all block qubits above the lane bits), and
/// <see cref="LaneTable{TWidth, TVector}"/> stores a whole register each (lanes differ: some
/// block qubits inside the register).
/// </summary>
internal unsafe interface ICoefficientTable<TWidth, TVector>
    where TWidth : ISimdWidth<TVector>
    where TVector : unmanaged
{
    static abstract int RowBytes(int terms);

    static abstract TVector Real(byte* row, int term);

    static abstract TVector Imaginary(byte* row, int term);
}

/// <summary>(re, im) as two doubles per term, broadcast into every lane on use (4 KiB for a 4-qubit block).</summary>
internal readonly unsafe struct BroadcastTable<TWidth, TVector> : ICoefficientTable<TWidth, TVector>
    where TWidth : ISimdWidth<TVector>
    where TVector : unmanaged
{
    public static int RowBytes(int terms) => terms * 2 * sizeof(double);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Real(byte* row, int term) => TWidth.Broadcast(((double*)row)[2 * term]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Imaginary(byte* row, int term) => TWidth.Broadcast(((double*)row)[(2 * term) + 1]);
}

/// <summary>(re, im) as two registers per term, each lane with its own factor.</summary>
internal readonly unsafe struct LaneTable<TWidth, TVector> : ICoefficientTable<TWidth, TVector>
    where TWidth : ISimdWidth<TVector>
    where TVector : unmanaged
{
    public static int RowBytes(int terms) => terms * 2 * sizeof(TVector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Real(byte* row, int term) => TWidth.Load((double*)(row + (2 * term * sizeof(TVector))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Imaginary(byte* row, int term) => TWidth.Load((double*)(row + (((2 * term) + 1) * sizeof(TVector))));
}
