using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>
/// In training mode zeroes each element with probability p and scales the rest by 1/(1−p)
/// (inverted dropout); in evaluation mode it is the identity. Masks come from the module's own
/// seeded stream, so a run is reproducible given the seed and the call order.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Random _random;

    public Dropout(double probability, int seed)
    {
        if (!(probability >= 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout probability must lie in [0, 1).");
        }

        Probability = probability;
        _random = new Random(seed);
    }

    public double Probability { get; }

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
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = _random.NextDouble() < Probability ? 0.0 : keep;
        }

        return Ops.Mul(input, mask);
    }
}
