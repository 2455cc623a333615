using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Models.Qkan.Networks;

/// <summary>Children named "0", "1", … applied in order: torch's nn.ModuleList as a chain, so checkpoint keys read "layers.0.theta".</summary>
internal sealed class ModuleList<T> : Module
    where T : Module
{
    private readonly List<T> _items = [];

    public ModuleList(IEnumerable<T> items)
    {
        foreach (T item in items)
        {
            _items.Add(RegisterModule(_items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), item));
        }
    }

    public IReadOnlyList<T> Items => _items;

    public override Tensor Forward(Tensor input)
    {
        foreach (T item in _items)
        {
            input = item.Forward(input);
        }

        return input;
    }
}
