namespace Qml.Learning.Optimizers.GradientFree;

/// <summary>Settings of <see cref="NelderMead"/>.</summary>
public sealed record NelderMeadOptions
{
    /// <summary>Objective evaluations allowed, ≥ 1.</summary>
    public int MaxEvaluations { get; init; } = 10_000;

    /// <summary>Simplex iterations allowed, ≥ 1.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>Converged when every vertex's f is within this of the best (absolute)…</summary>
    public double FunctionTolerance { get; init; } = 1e-10;

    /// <summary>…and every vertex lies within this of the best in each coordinate.</summary>
    public double PointTolerance { get; init; } = 1e-8;

    /// <summary>
    /// Edge of the initial simplex along each axis; null uses 5% of the coordinate
    /// (0.00025 for a zero coordinate), as SciPy does.
    /// </summary>
    public double? InitialStep { get; init; }

    /// <summary>Use Gao and Han's dimension-dependent coefficients (recommended beyond a few variables).</summary>
    public bool Adaptive { get; init; } = true;
}
