using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>
/// In training mode zeroes each element with probability p and scales the rest by 1/(1−p)
/// (inverted dropout); in evaluation mode it is the identity. Masks come from the module's own
/// counter-based stream (SplitMix64), so a run is reproducible given the seed and the call order.
/// </summary>
/// <remarks>
/// The trainer restarts the stream at every epoch from (this module's seed, the epoch's seed,
/// the module's place in the network), so an epoch's masks do not depend on how many draws
/// earlier epochs made, and a run resumed from a checkpoint draws the same masks as one that
/// never stopped, without any generator position in the checkpoint.
/// </remarks>
public sealed class Dropout : Module
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private readonly ulong _seed;
    private ulong _state;

    /// <summary>Creates the layer.</summary>
    /// <param name="probability">Chance of zeroing each element, in [0, 1).</param>
    /// <param name="seed">Seed of the mask stream.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1) or NaN.</exception>
    public Dropout(double probability, int seed)
    {
        if (!(probability >= 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout probability must lie in [0, 1).");
        }

        Probability = probability;
        _seed = Mix((ulong)(uint)seed);
        _state = _seed;
    }

    /// <summary>Chance of zeroing each element in training mode, in [0, 1).</summary>
    public double Probability { get; }

    /// <summary>Training: input · mask, the mask 0 with probability p and 1/(1−p) otherwise; evaluation (or p = 0): the input itself.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!IsTraining || Probability == 0)
        {
            return input;
        }

        var mask = Tensor.Zeros(input.Shape);
        Span<double> m = mask.Data;
        double keep = 1.0 / (1.0 - Probability);
        ulong state = _state;
        for (int i = 0; i < m.Length; i++)
        {
            state += Golden;
            double uniform = (Mix(state) >> 11) * (1.0 / (1UL << 53));
            m[i] = uniform < Probability ? 0.0 : keep;
        }

        _state = state;
        return Ops.Mul(input, mask);
    }

    /// <summary>Restarts the mask stream at a point determined by this module's seed, <paramref name="streamSeed"/> and <paramref name="index"/>.</summary>
    internal void Reseed(int streamSeed, int index) =>
        _state = Mix(_seed ^ Mix(((ulong)(uint)streamSeed << 32) | (uint)index));

    /// <summary>SplitMix64's finaliser: a bijective mix of all 64 bits.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
