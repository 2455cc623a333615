namespace Qml.Models.Qkan.Solvers;

/// <summary>
/// A snapshot of one layer's parameters, flat and row-major as the reference stores them: theta
/// [blocks, steps·K], pre-activations [edges, reps], the rest [edges]. The forward pass takes one,
/// and the backward pass reuses it, so an optimizer step in between cannot skew the gradients.
/// </summary>
internal sealed record EdgeValues(
    double[] Theta,
    double[] PreactWeight,
    double[] PreactBias,
    double[] BaseWeight,
    double[] PostactWeight,
    double[] PostactBias,
    double[] Mask);

/// <summary>dL/d of every input of a layer forward (flat, shaped as <see cref="EdgeValues"/>; X is [batch, inputs]).</summary>
internal sealed record EdgeGradients(
    double[] X,
    double[] Theta,
    double[] PreactWeight,
    double[] PreactBias,
    double[] BaseWeight,
    double[] PostactWeight,
    double[] PostactBias);
