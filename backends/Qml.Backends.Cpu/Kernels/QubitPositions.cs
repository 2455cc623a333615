using System.Runtime.CompilerServices;

namespace Qml.Backends.Cpu.Kernels;

/// <summary>Up to ten qubit indices stored inline, so a kernel description never allocates.</summary>
[InlineArray(MaxCount)]
internal struct QubitPositions
{
    /// <summary>The widest dense operand (<see cref="Abstractions.Circuits.UnitaryMatrix.MaxQubits"/>).</summary>
    public const int MaxCount = 10;

    private int _first;
}
