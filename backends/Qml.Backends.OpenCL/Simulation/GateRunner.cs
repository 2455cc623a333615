using Qml.Backends.OpenCL.Device;

namespace Qml.Backends.OpenCL.Simulation;

/// <summary>
/// Enqueues gates on a batch of states: one launch per gate covers every row of the chunk,
/// nothing waits in between (the queue is in order), and nothing comes back to the host.
/// </summary>
internal sealed class GateRunner(DeviceContext device)
{
    /// <summary>Prepares |0…0⟩ in every row.</summary>
    public void SetZeroState(DeviceBuffer state, int n, int rows) =>
        device["set_zero_state"].Args().Arg(state).Arg((uint)n).Launch(1UL << n, (ulong)rows);

    public void Clear(DeviceBuffer state, int n, int rows) =>
        device["clear_state"].Args().Arg(state).Arg((uint)n).Launch(1UL << n, (ulong)rows);

    /// <summary>
    /// Applies every gate of the plan (U) to the batch. <paramref name="wide"/> is a scratch state
    /// of the chunk's size, needed only when a gate is <see cref="GateShape.DenseK"/>.
    /// </summary>
    public void Forward(DeviceBuffer state, DeviceBuffer? wide, int n, int rows, IReadOnlyList<PlannedGate> gates, MatrixTable table, CancellationToken cancellationToken)
    {
        for (var k = 0; k < gates.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Apply(state, wide, n, rows, gates[k], gates[k].Shape, table.Buffer!, table.Offsets[k], table.Strides[k]);
        }
    }

    /// <summary>True when some gate runs out of place and so needs a scratch state.</summary>
    public static bool NeedsWideScratch(IEnumerable<PlannedGate> gates) => gates.Any(g => g.Shape == GateShape.DenseK);

    /// <summary>Applies one shape with the matrix at <paramref name="offset"/> (per row: + row × <paramref name="stride"/>).</summary>
    public void Apply(DeviceBuffer state, DeviceBuffer? wide, int n, int rows, PlannedGate gate, GateShape shape, DeviceBuffer table, ulong offset, uint stride)
    {
        var y = (ulong)rows;
        var size = 1UL << n;
        switch (shape)
        {
            case GateShape.Identity:
                return;
            case GateShape.X:
                device["apply_x"].Args().Arg(state).Arg((uint)n).Arg(gate.Q0).Launch(size / 2, y);
                return;
            case GateShape.CX:
                device["apply_cx"].Args().Arg(state).Arg((uint)n).Arg(gate.Q0).Arg(gate.Q1).Arg(gate.Lo).Arg(gate.Hi).Launch(size / 4, y);
                return;
            case GateShape.Swap:
                device["apply_swap"].Args().Arg(state).Arg((uint)n).Arg(gate.Lo).Arg(gate.Hi).Launch(size / 4, y);
                return;
            case GateShape.Single:
                device["apply_1q"].Args().Arg(state).Arg((uint)n).Arg(gate.Q0).Arg(table).Arg(offset).Arg(stride).Launch(size / 2, y);
                return;
            case GateShape.Diagonal1:
                device["apply_diag_1q"].Args().Arg(state).Arg((uint)n).Arg(gate.Q0).Arg(table).Arg(offset).Arg(stride).Launch(size, y);
                return;
            case GateShape.Controlled:
                device["apply_controlled_1q"].Args().Arg(state).Arg((uint)n).Arg(gate.Q0).Arg(gate.Q1).Arg(gate.Lo).Arg(gate.Hi)
                    .Arg(table).Arg(offset).Arg(stride).Launch(size / 4, y);
                return;
            case GateShape.Diagonal2:
                device["apply_diag_2q"].Args().Arg(state).Arg((uint)n).Arg(gate.Q0).Arg(gate.Q1).Arg(table).Arg(offset).Arg(stride).Launch(size, y);
                return;
            case GateShape.Dense2:
                device["apply_2q"].Args().Arg(state).Arg((uint)n).Arg(gate.Q0).Arg(gate.Q1).Arg(gate.Lo).Arg(gate.Hi)
                    .Arg(table).Arg(offset).Arg(stride).Launch(size / 4, y);
                return;
            case GateShape.DenseK:
                {
                    var scratch = wide ?? throw new InvalidOperationException("A wide unitary needs the scratch state; allocate it when NeedsWideScratch says so.");
                    device["apply_dense"].Args().Arg(state).Arg(scratch).Arg((uint)n).Arg((uint)gate.Operation.Qubits.Length).Arg(gate.PackedQubits)
                        .Arg(table).Arg(offset).Arg(stride).Launch(size, y);
                    scratch.CopyTo(state, (ulong)rows * size * 2UL * (ulong)device.RealBytes);
                    return;
                }

            default:
                throw new InvalidOperationException($"No kernel for gate shape {shape}.");
        }
    }
}
