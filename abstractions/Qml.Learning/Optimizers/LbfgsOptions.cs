namespace Qml.Learning.Optimizers;

/// <summary>How L-BFGS picks the step length along its search direction.</summary>
public enum LineSearch
{
    /// <summary>A fixed step of <see cref="LbfgsOptions.LearningRate"/> (PyTorch's default; fragile on hard problems).</summary>
    None,

    /// <summary>Bracketing and cubic-interpolation zoom until the strong Wolfe conditions hold.</summary>
    StrongWolfe,
}

/// <param name="LearningRate">The initial (or fixed) step length.</param>
/// <param name="MaxIterations">Quasi-Newton iterations per <see cref="Lbfgs.Step(Func{double})"/> call.</param>
/// <param name="MaxEvaluations">Closure evaluations per call; null means 1.25 × <paramref name="MaxIterations"/>.</param>
/// <param name="ToleranceGrad">Stop when max |gradient| falls to this.</param>
/// <param name="ToleranceChange">Stop when the step or the loss change falls below this.</param>
/// <param name="HistorySize">m: the number of (s, y) pairs kept.</param>
/// <param name="LineSearch">The step-length rule.</param>
public sealed record LbfgsOptions(
    double LearningRate = 1.0,
    int MaxIterations = 20,
    int? MaxEvaluations = null,
    double ToleranceGrad = 1e-7,
    double ToleranceChange = 1e-9,
    int HistorySize = 10,
    LineSearch LineSearch = LineSearch.StrongWolfe);
