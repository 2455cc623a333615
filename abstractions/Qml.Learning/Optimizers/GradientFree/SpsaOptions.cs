namespace Qml.Learning.Optimizers.GradientFree;

/// <summary>
/// Settings of <see cref="Spsa"/>. Gains follow Spall: a_k = <see cref="LearningRate"/> /
/// (A + k + 1)^<see cref="Alpha"/> and c_k = <see cref="Perturbation"/> / (k + 1)^<see cref="Gamma"/>,
/// with A = <see cref="StabilityConstant"/> (default 10% of the iterations, Spall's advice).
/// </summary>
public sealed record SpsaOptions
{
    /// <summary>Iterations k = 0..MaxIterations-1 (two or more evaluations each).</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>a in a_k; ignored when <see cref="Calibrate"/> is set.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>c in c_k: the size of the ± perturbation; about the objective's noise level or larger.</summary>
    public double Perturbation { get; init; } = 0.1;

    /// <summary>Decay exponent α of a_k (Spall's 0.602).</summary>
    public double Alpha { get; init; } = 0.602;

    /// <summary>Decay exponent γ of c_k (Spall's 0.101).</summary>
    public double Gamma { get; init; } = 0.101;

    /// <summary>A in a_k; null means 0.1 × <see cref="MaxIterations"/>.</summary>
    public double? StabilityConstant { get; init; }

    /// <summary>
    /// Choose a from the objective: average |f(x+cΔ) − f(x−cΔ)| / (2c) over
    /// <see cref="CalibrationSamples"/> perturbations so the first step moves each coordinate by
    /// about <see cref="CalibrationTargetStep"/>.
    /// </summary>
    public bool Calibrate { get; init; }

    /// <summary>With <see cref="Calibrate"/>: the wanted first-step move per coordinate (2π/10 by default, suited to rotation angles).</summary>
    public double CalibrationTargetStep { get; init; } = 2 * Math.PI / 10;

    /// <summary>With <see cref="Calibrate"/>: random perturbations averaged to choose a.</summary>
    public int CalibrationSamples { get; init; } = 25;

    /// <summary>
    /// Reject a step whose objective exceeds the current one by more than
    /// <see cref="BlockingTolerance"/> (costs one extra evaluation per iteration).
    /// </summary>
    public bool Blocking { get; init; }

    /// <summary>Allowed increase under blocking; null means twice the standard deviation of f at the start (5 evaluations).</summary>
    public double? BlockingTolerance { get; init; }

    /// <summary>Stop once a step moves x by less than this (Euclidean); 0 runs all iterations.</summary>
    public double StepTolerance { get; init; }

    /// <summary>Seeds the ±1 perturbation directions.</summary>
    public int Seed { get; init; }
}
