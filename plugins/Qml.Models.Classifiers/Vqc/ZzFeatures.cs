using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Models.Classifiers.Vqc;

/// <summary>
/// The classical side of the ZZ feature map: [x_1 … x_n] ↦ [x′_1 … x′_n, φ_ij for each pair] with
/// x′ = s·x + o (by default minmax's [−1, 1] becomes [0, π]) and φ_ij = (π − x′_i)(π − x′_j). The product is not affine in the circuit's symbols, so it is a
/// column of its own, bound to an Input symbol; built from tensor ops, so input gradients (for
/// attacks) flow through it. No parameters.
/// </summary>
internal sealed class ZzFeatures(int features, IReadOnlyList<(int I, int J)> pairs, double scale, double offset) : Module
{
    public int Outputs => features + pairs.Count;

    public override Tensor Forward(Tensor input)
    {
        var x = Ops.AddScalar(Ops.MulScalar(input, scale), offset);
        var shifted = Ops.AddScalar(Ops.Neg(x), Math.PI);
        var columns = new Tensor[1 + pairs.Count];
        columns[0] = x;
        for (var p = 0; p < pairs.Count; p++)
        {
            var (i, j) = pairs[p];
            columns[p + 1] = Ops.Mul(Ops.Narrow(shifted, 1, i, 1), Ops.Narrow(shifted, 1, j, 1));
        }

        return pairs.Count == 0 ? x : Ops.Concat(columns, 1);
    }
}

/// <summary>Binary parity readout: ⟨Z⊗…⊗Z⟩ = p ↦ logits [s·p, −s·p] with one trainable scale "scale".</summary>
internal sealed class ParityLogits : Module
{
    public ParityLogits(double initial) => Scale = RegisterParameter("scale", Tensor.Full(initial, 1));

    public Parameter Scale { get; }

    public override Tensor Forward(Tensor input)
    {
        var scaled = Ops.Mul(input, Scale.Value);
        return Ops.Concat([scaled, Ops.Neg(scaled)], 1);
    }
}
