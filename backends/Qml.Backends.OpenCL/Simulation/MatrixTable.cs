using System.Numerics;
using Qml.Abstractions.Execution;
using Qml.Backends.OpenCL.Device;

namespace Qml.Backends.OpenCL.Simulation;

/// <summary>
/// Every matrix a chunk of rows needs, computed on the host from <see cref="Qml.Abstractions.Gates.GateMatrices"/>
/// and uploaded in one write: a constant gate stores one copy (stride 0), a symbolic gate one per
/// row, so each kernel launch covers all rows of the chunk.
/// </summary>
internal sealed class MatrixTable : IDisposable
{
    private Complex[] _entries = new Complex[256];
    private int _count;

    private MatrixTable(int gates, bool gradient)
    {
        Offsets = new ulong[gates];
        Strides = new uint[gates];
        if (gradient)
        {
            DaggerOffsets = new ulong[gates];
            DerivativeOffsets = new ulong[gates][];
        }
    }

    /// <summary>Where gate k's matrix starts (in complex entries).</summary>
    public ulong[] Offsets { get; }

    /// <summary>Entries between rows: 0 for constant gates.</summary>
    public uint[] Strides { get; }

    /// <summary>Where gate k's U† starts (same stride as U); gradients only.</summary>
    public ulong[]? DaggerOffsets { get; }

    /// <summary>Where ∂U/∂angle[a] of gate k starts (always one per row); gradients only.</summary>
    public ulong[][]? DerivativeOffsets { get; }

    public DeviceBuffer? Buffer { get; private set; }

    /// <summary>Builds the table for rows [<paramref name="first"/>, first + <paramref name="rows"/>) and uploads it.</summary>
    public static MatrixTable Build(DeviceContext device, IReadOnlyList<PlannedGate> gates, BindingTable bindings, int first, int rows, bool gradient)
    {
        var table = new MatrixTable(gates.Count, gradient);
        var scratch = new Complex[Math.Max(16, gates.Count == 0 ? 0 : gates.Max(g => g.Dimension * g.Dimension))];
        for (var k = 0; k < gates.Count; k++)
        {
            var gate = gates[k];
            var entries = gate.EntriesOf(gate.Shape);
            if (entries > 0)
            {
                var perRow = gate.IsSymbolic;
                table.Strides[k] = perRow ? (uint)entries : 0u;
                table.Offsets[k] = table.AddRows(gate, gate.Shape, bindings, first, perRow ? rows : 1, adjoint: false, -1, scratch);
                if (gradient)
                {
                    table.DaggerOffsets![k] = table.AddRows(gate, gate.Shape, bindings, first, perRow ? rows : 1, adjoint: true, -1, scratch);
                }
            }

            if (gradient)
            {
                var angleCount = gate.Operation.Angles.Length;
                table.DerivativeOffsets![k] = new ulong[angleCount];
                for (var a = 0; a < angleCount; a++)
                {
                    if (!gate.Operation.Angles[a].IsConstant)
                    {
                        table.DerivativeOffsets[k][a] = table.AddRows(gate, gate.DerivativeShape, bindings, first, rows, adjoint: false, a, scratch);
                    }
                }
            }
        }

        table.Upload(device);
        return table;
    }

    public void Dispose() => Buffer?.Dispose();

    private ulong AddRows(PlannedGate gate, GateShape shape, BindingTable bindings, int first, int rows, bool adjoint, int derivativeOf, Complex[] scratch)
    {
        var entries = gate.EntriesOf(shape);
        var offset = (ulong)_count;
        Reserve(entries * rows);
        for (var row = 0; row < rows; row++)
        {
            gate.Entries(shape, bindings.Row(first + row), adjoint, derivativeOf, scratch, _entries.AsSpan(_count, entries));
            _count += entries;
        }

        return offset;
    }

    private void Reserve(int more)
    {
        if (_count + more > _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(_entries.Length * 2, _count + more));
        }
    }

    private void Upload(DeviceContext device)
    {
        var used = _entries.AsSpan(0, _count);
        if (device.DoublePrecision)
        {
            Buffer = device.Allocate((ulong)_count * 16, readOnly: true);
            Buffer.Write<Complex>(used);
            return;
        }

        var single = new float[_count * 2];
        for (var i = 0; i < used.Length; i++)
        {
            single[2 * i] = (float)used[i].Real;
            single[(2 * i) + 1] = (float)used[i].Imaginary;
        }

        Buffer = device.Allocate((ulong)_count * 8, readOnly: true);
        Buffer.Write<float>(single);
    }
}
