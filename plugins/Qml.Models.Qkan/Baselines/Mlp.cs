using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Models.Qkan.Baselines;

/// <summary>The classical baseline: Dense layers with SiLU between them (none after the last).</summary>
public sealed class Mlp : Module
{
    private readonly Dense[] _layers;

    public Mlp(IReadOnlyList<int> width, Random random)
    {
        ArgumentNullException.ThrowIfNull(width);
        ArgumentNullException.ThrowIfNull(random);
        if (width.Count < 2)
        {
            throw new ArgumentException("An MLP needs at least an input and an output width.", nameof(width));
        }

        _layers = new Dense[width.Count - 1];
        for (int l = 0; l < _layers.Length; l++)
        {
            _layers[l] = RegisterModule(l.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dense(width[l], width[l + 1], random));
        }
    }

    public override Tensor Forward(Tensor input)
    {
        for (int l = 0; l < _layers.Length; l++)
        {
            input = _layers[l].Forward(input);
            if (l + 1 < _layers.Length)
            {
                input = Ops.Silu(input);
            }
        }

        return input;
    }
}
