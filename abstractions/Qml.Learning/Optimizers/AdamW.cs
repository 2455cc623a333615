using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Optimizers;

/// <summary>Adam with decoupled weight decay (Loshchilov &amp; Hutter): p ← p·(1 − lr·λ), then the Adam step on the raw gradient.</summary>
public sealed class AdamW : Optimizer
{
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;

    /// <param name="parameters">What to train.</param>
    /// <param name="options">Defaults to PyTorch's AdamW defaults (λ = 0.01).</param>
    public AdamW(IReadOnlyList<Parameter> parameters, AdamOptions? options = null)
        : base(parameters, (options ?? new AdamOptions(WeightDecay: 0.01)).LearningRate)
    {
        Options = options ?? new AdamOptions(WeightDecay: 0.01);
        AdamUpdate.Validate(Options);
        _m = AddBuffer("exp_avg");
        _v = AddBuffer("exp_avg_sq");
    }

    /// <summary>The hyperparameters; <see cref="Optimizer.LearningRate"/> starts at their learning rate and may then change.</summary>
    public AdamOptions Options { get; }

    /// <summary>Decays each parameter that has a gradient by (1 − lr·λ), then applies the Adam update of its raw gradient.</summary>
    public override void Step()
    {
        StepCount++;
        AdamUpdate.Apply(Parameters, _m, _v, StepCount, LearningRate, Options, decoupled: true);
    }
}
