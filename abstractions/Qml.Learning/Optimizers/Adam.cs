using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Optimizers;

/// <summary>Adam (Kingma &amp; Ba) with bias correction; weight decay, if any, is an L2 term in the gradient.</summary>
public sealed class Adam : Optimizer
{
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;

    public Adam(IReadOnlyList<Parameter> parameters, AdamOptions? options = null)
        : base(parameters, (options ?? new AdamOptions()).LearningRate)
    {
        Options = options ?? new AdamOptions();
        AdamUpdate.Validate(Options);
        _m = AddBuffer("exp_avg");
        _v = AddBuffer("exp_avg_sq");
    }

    public AdamOptions Options { get; }

    public override void Step()
    {
        StepCount++;
        AdamUpdate.Apply(Parameters, _m, _v, StepCount, LearningRate, Options, decoupled: false);
    }
}
