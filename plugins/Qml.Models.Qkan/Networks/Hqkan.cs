using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Networks;

/// <summary>
/// HQKAN (spec §9): Linear(n_in → a) → QKAN([a, b]) → Linear(b → n_out), with a = ⌈log2 n_in⌉ and
/// b = ⌈log2 n_out⌉ by default (at least 1): a drop-in for an MLP block with far fewer parameters.
/// </summary>
public sealed class Hqkan : Module
{
    public Hqkan(int inFeatures, int outFeatures, QkanLayerOptions? options = null, Random? random = null, int? latentIn = null, int? latentOut = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        random ??= new Random(0);
        LatentIn = latentIn ?? Latent(inFeatures);
        LatentOut = latentOut ?? Latent(outFeatures);
        Encoder = RegisterModule("encoder", new Dense(inFeatures, LatentIn, random));
        Qkan = RegisterModule("qkan", new Qkan([LatentIn, LatentOut], options ?? QkanLayerOptions.ForNetwork, random));
        Decoder = RegisterModule("decoder", new Dense(LatentOut, outFeatures, random));
    }

    public int LatentIn { get; }

    public int LatentOut { get; }

    public Dense Encoder { get; }

    public Qkan Qkan { get; }

    public Dense Decoder { get; }

    /// <summary>⌈log2 n⌉, at least 1.</summary>
    public static int Latent(int features) => Math.Max(1, (int)Math.Ceiling(Math.Log2(features) - 1e-12));

    public override Tensor Forward(Tensor input) => Decoder.Forward(Qkan.Forward(Encoder.Forward(input)));
}
