using Qml.Abstractions.Circuits;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>A fused forward pass: <see cref="GateFuser"/> (blocks of up to 2 qubits) or <see cref="BlockFuser"/> (3 or 4).</summary>
internal interface IGateFusion
{
    /// <summary>Applies the unitary operations [<paramref name="begin"/>, <paramref name="end"/>) of <paramref name="circuit"/> to <paramref name="target"/>, fused; non-unitary ones are skipped but fence the fusion.</summary>
    void Run(Circuit circuit, int begin, int end, ReadOnlySpan<double> symbols, StateBuffer target, CancellationToken cancellationToken);
}
