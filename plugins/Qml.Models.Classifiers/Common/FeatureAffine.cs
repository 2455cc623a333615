using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Models.Classifiers.Common;

/// <summary>
/// Angles a_k = w_k · x_{f(k)} + b_k for a fixed column map f: the trainable elementwise
/// scaling of data re-uploading (w ⊙ x + b), done classically so the circuit's angles stay
/// affine in its symbols (each a_k is one Input symbol). Parameters "weight" and "bias" of
/// length <see cref="Outputs"/>.
/// </summary>
internal sealed class FeatureAffine : Module
{
    private readonly Tensor _tile;

    public FeatureAffine(int inFeatures, int[] columns, Random random, double weightLow = 0.5, double weightHigh = 1.5)
    {
        Outputs = columns.Length;
        var tile = new double[inFeatures * columns.Length];
        for (var k = 0; k < columns.Length; k++)
        {
            tile[(columns[k] * columns.Length) + k] = 1.0;
        }

        _tile = Tensor.Wrap(tile, inFeatures, columns.Length);
        Weight = RegisterParameter("weight", Tensor.RandomUniform(random, [columns.Length], weightLow, weightHigh));
        Bias = RegisterParameter("bias", Tensor.RandomUniform(random, [columns.Length], -Math.PI, Math.PI));
    }

    public int Outputs { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public override Tensor Forward(Tensor input) =>
        Ops.Add(Ops.Mul(Ops.MatMul(input, _tile), Weight.Value), Bias.Value);
}

/// <summary>s · x with one trainable scalar "scale": turns expectations in [−1, 1] into logits.</summary>
internal sealed class LogitScale : Module
{
    public LogitScale(double initial) => Scale = RegisterParameter("scale", Tensor.Full(initial, 1));

    public Parameter Scale { get; }

    public override Tensor Forward(Tensor input) => Ops.Mul(input, Scale.Value);
}
