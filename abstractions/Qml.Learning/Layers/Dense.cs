using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>
/// A fully connected layer y = x·Wᵀ + b over the last axis (PyTorch's nn.Linear: weight [out, in],
/// bias [out], the names a checkpoint uses).
/// </summary>
public sealed class Dense : Module
{
    /// <summary>Creates the layer with weights drawn from <paramref name="random"/> by <paramref name="init"/> and,
    /// when <paramref name="bias"/>, a bias drawn from U(±1/√inFeatures) as PyTorch does.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A feature count ≤ 0.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
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

    /// <summary>As the other constructor, with <c>new Random(<paramref name="seed"/>)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A feature count ≤ 0.</exception>
    public Dense(int inFeatures, int outFeatures, int seed, bool bias = true, Initialization init = Initialization.KaimingUniform)
        : this(inFeatures, outFeatures, new Random(seed), bias, init)
    {
    }

    /// <summary>Size of the input's last axis.</summary>
    public int InFeatures { get; }

    /// <summary>Size of the output's last axis.</summary>
    public int OutFeatures { get; }

    /// <summary>W, [OutFeatures, InFeatures] (checkpoint name <c>weight</c>).</summary>
    public Parameter Weight { get; }

    /// <summary>b, [OutFeatures] (checkpoint name <c>bias</c>), or null without bias.</summary>
    public Parameter? Bias { get; }

    /// <summary>x·Wᵀ + b for input [..., InFeatures], giving [..., OutFeatures].</summary>
    /// <exception cref="ArgumentException">The input's last axis is not <see cref="InFeatures"/>.</exception>
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
