using Qml.Backends.OpenCL.Device;

namespace Qml.Backends.OpenCL.Outputs;

/// <summary>
/// Sums over whole state vectors, on the device in two stages (work-group partials, then one
/// sum per result), so only one number per result reaches the host.
/// </summary>
internal sealed class Reductions(DeviceContext device)
{
    /// <summary>Most partials a single launch may leave behind (keeps the scratch buffer small).</summary>
    private const ulong MaxPartials = 1UL << 21;

    /// <summary>
    /// Work-groups per reduced vector: enough to fill a GPU on large states, few enough that the
    /// scratch stays small and each item still sums a handful of amplitudes.
    /// </summary>
    public uint Groups(int n, ulong vectors)
    {
        var group = (ulong)device.GroupSize;
        var byWork = Math.Max(1UL, (1UL << n) / (group * 8));
        var byScratch = Math.Max(1UL, MaxPartials / Math.Max(1UL, vectors));
        return (uint)Math.Min(256UL, Math.Min(byWork, byScratch));
    }

    /// <summary>
    /// Re(phase_t·⟨ψ|P_t|ψ⟩) for every term t and row into results[t·rows + row], starting at
    /// result element <paramref name="resultOffset"/>.
    /// </summary>
    public void PauliTerms(DeviceBuffer state, int n, int rows, PauliTerms terms, DeviceBuffer partials, DeviceBuffer results, ulong resultOffset = 0)
    {
        var vectors = (ulong)terms.Count * (ulong)rows;
        var groups = Groups(n, vectors);
        var local = (ulong)device.GroupSize;
        device["pauli_terms"].Args().Arg(state).Arg((uint)n).Arg(terms.MaskBuffer!).Arg(terms.PhaseBuffer!).Arg(groups).Arg(partials)
            .Launch(groups * local, (ulong)rows, (ulong)terms.Count, local);
        SumPartials(partials, groups, vectors, results, resultOffset);
    }

    /// <summary>Re⟨a|b⟩ per row into results[resultOffset + row].</summary>
    public void InnerReal(DeviceBuffer a, DeviceBuffer b, int n, int rows, DeviceBuffer partials, DeviceBuffer results, ulong resultOffset)
    {
        var groups = Groups(n, (ulong)rows);
        var local = (ulong)device.GroupSize;
        device["inner_real"].Args().Arg(a).Arg(b).Arg((uint)n).Arg(groups).Arg(partials).Launch(groups * local, (ulong)rows, 1, local);
        SumPartials(partials, groups, (ulong)rows, results, resultOffset);
    }

    /// <summary>Bytes of partials scratch a reduction over <paramref name="vectors"/> vectors of n qubits needs.</summary>
    public ulong PartialsBytes(int n, ulong vectors) => Groups(n, vectors) * vectors * (ulong)device.RealBytes;

    public void SumPartials(DeviceBuffer partials, uint groups, ulong results, DeviceBuffer destination, ulong offset) =>
        device["sum_partials"].Args().Arg(partials).Arg(groups).Arg(destination).Arg(offset).Launch(results);
}
