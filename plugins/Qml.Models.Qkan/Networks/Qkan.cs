using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Networks;

/// <summary>
/// The reference QKAN network (spec §5): QKAN layers width[l] → width[l+1] applied in sequence,
/// nothing in between. Layers default to QKAN's options (no SiLU base branch); keys are
/// "layers.{l}.theta", … as in the reference's state dict.
/// </summary>
public sealed class Qkan : Module
{
    private readonly ModuleList<QkanLayer> _layers;

    public Qkan(IReadOnlyList<int> width, QkanLayerOptions? options = null, Random? random = null)
        : this(Build(width, options ?? QkanLayerOptions.ForNetwork, random ?? new Random(0)), [.. width])
    {
    }

    public Qkan(IReadOnlyList<int> width, QkanLayerOptions options, int seed)
        : this(width, options, new Random(seed))
    {
    }

    private Qkan(IEnumerable<QkanLayer> layers, int[] width)
    {
        Width = width;
        _layers = RegisterModule("layers", new ModuleList<QkanLayer>(layers));
    }

    public IReadOnlyList<int> Width { get; }

    public IReadOnlyList<QkanLayer> Layers => _layers.Items;

    /// <summary>Maps [batch, width[0]] to [batch, width[^1]].</summary>
    public override Tensor Forward(Tensor input) => _layers.Forward(input);

    /// <summary>The same network with every layer refined to <paramref name="reps"/> repetitions (function-preserving for pz and rpz).</summary>
    public Qkan Refine(int reps) => new(Layers.Select(l => l.Refine(reps)).ToList(), [.. Width]);

    private static List<QkanLayer> Build(IReadOnlyList<int> width, QkanLayerOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(width);
        if (width.Count < 2 || width.Any(w => w < 1))
        {
            throw new ArgumentException($"A QKAN needs at least two positive widths (e.g. [1, 10, 1]); got [{string.Join(", ", width)}].", nameof(width));
        }

        var layers = new List<QkanLayer>();
        for (int l = 0; l + 1 < width.Count; l++)
        {
            layers.Add(new QkanLayer(width[l], width[l + 1], options, random));
        }

        return layers;
    }
}
