using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>
/// A fully connected layer y = x·Wᵀ + b over the last axis (PyTorch's nn.Linear: weight [out, in],
/// bias [out], the names a checkpoint uses).
/// </summary>
public sealed class Dense : Module
{
    public Dense(int inFeatures, int outFeatures, Random random, bool bias = true, Initialization init = Initialization.KaimingUniform)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        ArgumentNullException.ThrowIfNull(random);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", InitialWeight(random, outFeatures, inFeatures, init));

        // PyTorch's default bias: U(±1/√fan_in).
        double bound = 1.0 / Math.Sqrt(inFeatures);
        Bias = bias ? RegisterParameter("bias", Tensor.RandomUniform(random, [outFeatures], -bound, bound)) : null;
    }

    public Dense(int inFeatures, int outFeatures, int seed, bool bias = true, Initialization init = Initialization.KaimingUniform)
        : this(inFeatures, outFeatures, new Random(seed), bias, init)
    {
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public override Tensor Forward(Tensor input) => Ops.Linear(input, Weight.Value, Bias?.Value);

    internal static Tensor InitialWeight(Random random, int fanOut, int fanIn, Initialization init) => init switch
    {
        Initialization.KaimingUniform => Uniform(random, fanOut, fanIn, Math.Sqrt(6.0 / fanIn)),
        Initialization.KaimingNormal => Tensor.RandomNormal(random, [fanOut, fanIn], 0, Math.Sqrt(2.0 / fanIn)),
        Initialization.XavierUniform => Uniform(random, fanOut, fanIn, Math.Sqrt(6.0 / (fanIn + fanOut))),
        Initialization.XavierNormal => Tensor.RandomNormal(random, [fanOut, fanIn], 0, Math.Sqrt(2.0 / (fanIn + fanOut))),
        _ => throw new ArgumentOutOfRangeException(nameof(init), init, "Unknown initialization."),
    };

    private static Tensor Uniform(Random random, int rows, int cols, double bound) => Tensor.RandomUniform(random, [rows, cols], -bound, bound);
}
