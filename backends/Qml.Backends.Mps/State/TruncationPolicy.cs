namespace Qml.Backends.Mps.State;

/// <summary>How many singular values an SVD keeps: at most <see cref="MaxBond"/>, and no more than needed to discard at most <see cref="Cutoff"/> of the weight.</summary>
internal sealed record TruncationPolicy(int MaxBond, double Cutoff)
{
    /// <summary>
    /// Singular values below this fraction of the largest are rounding noise of the SVD itself
    /// (σ ≈ 1e-16·‖A‖): they are always dropped, and not counted as truncation, so that exact
    /// low-rank states keep their actual rank and report zero discarded weight.
    /// </summary>
    public const double NumericalZero = 1e-13;

    /// <summary>Chooses the kept rank for descending <paramref name="values"/>; returns it with the discarded fraction of the weight.</summary>
    public (int Keep, double Discarded, double KeptWeight) Choose(ReadOnlySpan<double> values)
    {
        var total = 0.0;
        foreach (var v in values)
        {
            total += v * v;
        }

        if (values.Length == 0 || values[0] == 0.0)
        {
            return (1, 0.0, total);
        }

        var rank = values.Length;
        var floor = values[0] * NumericalZero;
        while (rank > 1 && values[rank - 1] <= floor)
        {
            rank--;
        }

        var noise = 0.0;
        for (var j = rank; j < values.Length; j++)
        {
            noise += values[j] * values[j];
        }

        // Drop from the tail while the dropped weight stays within the cutoff, then enforce the cap.
        var keep = rank;
        var dropped = 0.0;
        var allowed = Cutoff * total;
        while (keep > 1 && dropped + (values[keep - 1] * values[keep - 1]) <= allowed)
        {
            dropped += values[keep - 1] * values[keep - 1];
            keep--;
        }

        while (keep > MaxBond)
        {
            dropped += values[keep - 1] * values[keep - 1];
            keep--;
        }

        return (keep, dropped / total, total - dropped - noise);
    }
}
