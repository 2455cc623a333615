using Qml.Learning.Tensors;

namespace Qml.Learning.Layers;

/// <summary>Applies its children in order; they are named "0", "1", … as in PyTorch.</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (Module layer in layers)
        {
            Add(layer);
        }
    }

    public int Count => _layers.Count;

    public Module this[int index] => _layers[index];

    public Sequential Add(Module layer)
    {
        _layers.Add(RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
        return this;
    }

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
