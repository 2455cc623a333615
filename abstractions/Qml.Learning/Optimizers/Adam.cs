using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Optimizers;

/// <summary>Adam (Kingma &amp; Ba) with bias correction; weight decay, if any, is an L2 term in the gradient.</summary>
public sealed class Adam : Optimizer
{
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;

    /// <summary>Creates the optimizer with zero moment buffers (<c>exp_avg</c>, <c>exp_avg_sq</c>).</summary>
    /// <param name="parameters">What to train.</param>
    /// <param name="options">Hyperparameters; PyTorch's Adam defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A beta outside [0, 1), or a negative or non-finite rate, epsilon or weight decay.</exception>
    public Adam(IReadOnlyList<Parameter> parameters, AdamOptions? options = null)
        : base(parameters, (options ?? new AdamOptions()).LearningRate)
    {
        Options = options ?? new AdamOptions();
        AdamUpdate.Validate(Options);
        _m = AddBuffer("exp_avg");
        _v = AddBuffer("exp_avg_sq");
    }

    /// <summary>The hyperparameters; <see cref="Optimizer.LearningRate"/> starts at their learning rate and may then change.</summary>
    public AdamOptions Options { get; }

    /// <summary>One bias-corrected Adam update of every parameter that has a gradient.</summary>
    public override void Step()
    {
        StepCount++;
        AdamUpdate.Apply(Parameters, _m, _v, StepCount, LearningRate, Options, decoupled: false);
    }
}
