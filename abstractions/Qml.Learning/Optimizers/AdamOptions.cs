namespace Qml.Learning.Optimizers;

/// <param name="LearningRate">Step size α.</param>
/// <param name="Beta1">Decay of the first-moment average.</param>
/// <param name="Beta2">Decay of the second-moment average.</param>
/// <param name="Epsilon">Added to √v̂ to bound the step.</param>
/// <param name="WeightDecay">
/// For <see cref="Adam"/>, an L2 penalty added to the gradient; for <see cref="AdamW"/>, the
/// decoupled decay p ← p·(1 − α·λ) applied before the Adam update.
/// </param>
public sealed record AdamOptions(double LearningRate = 1e-3, double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8, double WeightDecay = 0.0);
