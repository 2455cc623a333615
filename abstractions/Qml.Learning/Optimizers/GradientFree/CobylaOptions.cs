namespace Qml.Learning.Optimizers.GradientFree;

/// <summary>
/// Settings of <see cref="Cobyla"/>: the trust-region radius starts at
/// <see cref="InitialRadius"/> (rhobeg, about a tenth of the expected distance to the optimum)
/// and halves down to <see cref="FinalRadius"/> (rhoend, the accuracy wanted in x).
/// </summary>
public sealed record CobylaOptions
{
    /// <summary>rhobeg: the first trust-region radius, &gt; 0 (about a tenth of the expected distance to the optimum).</summary>
    public double InitialRadius { get; init; } = 0.5;

    /// <summary>rhoend: the last trust-region radius, in (0, <see cref="InitialRadius"/>]; the accuracy wanted in x.</summary>
    public double FinalRadius { get; init; } = 1e-6;

    /// <summary>Objective evaluations allowed (each also evaluates every constraint once).</summary>
    public int MaxEvaluations { get; init; } = 10_000;
}
