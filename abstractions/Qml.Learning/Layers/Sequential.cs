using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>Applies its children in order; they are named "0", "1", … as in PyTorch.</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    /// <summary>Chains <paramref name="layers"/> in order, named "0", "1", ….</summary>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or one of them is null.</exception>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (Module layer in layers)
        {
            Add(layer);
        }
    }

    /// <summary>Number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>The layer at <paramref name="index"/> (0-based).</summary>
    public Module this[int index] => _layers[index];

    /// <summary>Appends <paramref name="layer"/>, named by its position, and returns this.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
    public Sequential Add(Module layer)
    {
        _layers.Add(RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
        return this;
    }

    /// <summary>Feeds <paramref name="input"/> through every layer in order; with no layers, returns it unchanged.</summary>
    public override Tensor Forward(Tensor input)
    {
        Tensor x = input;
        foreach (Module layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }
}
