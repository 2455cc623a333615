using System.Runtime.CompilerServices;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>Index arithmetic shared by the kernels.</summary>
internal static class BitIndex
{
    /// <summary>
    /// Spreads the bits of a group index <paramref name="group"/> around zero bits at the given
    /// ascending positions: the index of the group's first amplitude.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint InsertZeros(nuint group, ReadOnlySpan<int> ascendingPositions)
    {
        foreach (var position in ascendingPositions)
        {
            var low = group & (((nuint)1 << position) - 1);
            group = ((group >> position) << (position + 1)) | low;
        }

        return group;
    }

    /// <summary>Offset of sub-index <paramref name="local"/> when bit j of it is qubit <paramref name="qubits"/>[j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint Scatter(int local, ReadOnlySpan<int> qubits)
    {
        nuint offset = 0;
        for (var j = 0; j < qubits.Length; j++)
        {
            offset |= (nuint)((local >> j) & 1) << qubits[j];
        }

        return offset;
    }
}
