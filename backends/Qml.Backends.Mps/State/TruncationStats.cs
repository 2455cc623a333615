namespace Qml.Backends.Mps.State;

/// <summary>What truncation did to one row's state: accumulated discarded weight, fidelity estimate, largest bond.</summary>
internal sealed class TruncationStats
{
    /// <summary>Σ over SVDs of the discarded fraction of the weight.</summary>
    public double DiscardedWeight { get; private set; }

    /// <summary>Π over SVDs of (1 − discarded): an estimate of |⟨exact|truncated⟩|².</summary>
    public double Fidelity { get; private set; } = 1.0;

    public int MaxBond { get; private set; } = 1;

    public int SvdCount { get; private set; }

    public int TruncatedSvdCount { get; private set; }

    public int SwapCount { get; private set; }

    public void RecordSvd(double discarded, int bond)
    {
        SvdCount++;
        if (discarded > 0.0)
        {
            TruncatedSvdCount++;
            DiscardedWeight += discarded;
            Fidelity *= 1.0 - discarded;
        }

        MaxBond = Math.Max(MaxBond, bond);
    }

    public void RecordSwap() => SwapCount++;

    public void RecordBond(int bond) => MaxBond = Math.Max(MaxBond, bond);

    public void Reset()
    {
        DiscardedWeight = 0.0;
        Fidelity = 1.0;
        MaxBond = 1;
        SvdCount = 0;
        TruncatedSvdCount = 0;
        SwapCount = 0;
    }
}
