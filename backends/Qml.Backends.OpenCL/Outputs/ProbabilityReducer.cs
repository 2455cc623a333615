using Qml.Backends.OpenCL.Device;

namespace Qml.Backends.OpenCL.Outputs;

/// <summary>Outcome probabilities on the device: all qubits in order, or a marginal over chosen qubits.</summary>
internal sealed class ProbabilityReducer(DeviceContext device, Reductions reductions)
{
    /// <summary>Work items a marginal launch aims for, so small marginals still spread over the device.</summary>
    private const ulong TargetItems = 1UL << 14;

    /// <summary>|ψ_i|² of every row of the chunk into <paramref name="destination"/> (rows × 2^n reals).</summary>
    public void All(DeviceBuffer state, int n, int rows, DeviceBuffer destination) =>
        device["probabilities"].Args().Arg(state).Arg((uint)n).Arg(destination).Launch(1UL << n, (ulong)rows);

    /// <summary>True when <paramref name="qubits"/> is 0, 1, …, n−1: the full table needs no marginal.</summary>
    public static bool IsAllInOrder(ReadOnlySpan<int> qubits, int n)
    {
        if (qubits.Length != n)
        {
            return false;
        }

        for (var j = 0; j < n; j++)
        {
            if (qubits[j] != j)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The marginal over <paramref name="qubits"/> (outcome bit j = qubits[j]) into destination[row·2^k + outcome].</summary>
    public void Marginal(DeviceBuffer state, int n, int rows, ReadOnlySpan<int> qubits, DeviceBuffer destination)
    {
        var k = qubits.Length;
        var outcomes = 1UL << k;
        var rest = 1UL << (n - k);
        var slices = Math.Max(1UL, Math.Min(rest, TargetItems / outcomes));
        var order = new uint[k];
        var sorted = new uint[k];
        for (var j = 0; j < k; j++)
        {
            order[j] = (uint)qubits[j];
            sorted[j] = (uint)qubits[j];
        }

        Array.Sort(sorted);
        using var orderBuffer = device.Allocate((ulong)k * sizeof(uint), readOnly: true);
        using var sortedBuffer = device.Allocate((ulong)k * sizeof(uint), readOnly: true);
        using var partials = device.Allocate((ulong)rows * outcomes * slices * (ulong)device.RealBytes);
        orderBuffer.Write<uint>(order);
        sortedBuffer.Write<uint>(sorted);
        device["marginal"].Args().Arg(state).Arg((uint)n).Arg(orderBuffer).Arg(sortedBuffer).Arg((uint)k).Arg((uint)slices).Arg(partials)
            .Launch(outcomes * slices, (ulong)rows);
        reductions.SumPartials(partials, (uint)slices, (ulong)rows * outcomes, destination, 0);

        // The small buffers above are released when this returns; wait so the launch has read them.
        device.Finish();
    }
}
