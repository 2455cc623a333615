namespace Qml.Learning.Optimizers.GradientFree;

/// <summary>
/// The outcome of a gradient-free minimisation: the best point and its objective value,
/// how many objective evaluations and iterations it took, whether the method's own
/// convergence test was met (rather than a budget running out), the objective value after
/// each iteration, and a sentence saying why it stopped.
/// </summary>
public sealed record GradientFreeResult(
    double[] BestPoint,
    double BestValue,
    int Evaluations,
    int Iterations,
    bool Converged,
    IReadOnlyList<double> History,
    string StopReason)
{
    /// <summary>Largest constraint violation max(0, −gᵢ(x)) at <see cref="BestPoint"/>; 0 without constraints.</summary>
    public double ConstraintViolation { get; init; }
}
