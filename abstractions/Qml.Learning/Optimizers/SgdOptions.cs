namespace Qml.Learning.Optimizers;

/// <param name="LearningRate">Step size.</param>
/// <param name="Momentum">Heavy-ball coefficient μ (0 disables the velocity buffer's effect).</param>
/// <param name="Nesterov">Use the Nesterov look-ahead form g + μ·v (PyTorch's formulation).</param>
/// <param name="WeightDecay">L2 penalty λ added to the gradient as λ·p.</param>
public sealed record SgdOptions(double LearningRate = 0.01, double Momentum = 0.0, bool Nesterov = false, double WeightDecay = 0.0);
