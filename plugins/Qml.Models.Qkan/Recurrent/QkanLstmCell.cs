using Qml.Learning.Layers;
using Qml.Models.Qkan.Layers;
using Qml.Models.Qkan.Networks;

namespace Qml.Models.Qkan.Recurrent;

/// <summary>QKAN-LSTM (Hsu et al.): each gate map W·[h, x] + b is a QKANLayer([h, x] → hidden); σ and tanh stay.</summary>
public sealed class QkanLstmCell(int inputSize, int hiddenSize, QkanLayerOptions? options = null, Random? random = null)
    : GatedLstmCell(inputSize, hiddenSize, Gate(options ?? new QkanLayerOptions(), random ?? new Random(0)))
{
    private static Func<int, int, Module> Gate(QkanLayerOptions options, Random random) => (i, o) => new QkanLayer(i, o, options, random);
}

/// <summary>
/// HQKAN-LSTM: each gate map is an encoder–QKAN–decoder bottleneck
/// Linear([h, x] → a) → QKAN([a, b]) → Linear(b → hidden), a = ⌈log2(hidden + input)⌉, b = ⌈log2 hidden⌉ by default.
/// </summary>
public sealed class HqkanLstmCell(int inputSize, int hiddenSize, QkanLayerOptions? options = null, Random? random = null, int? latentIn = null, int? latentOut = null)
    : GatedLstmCell(inputSize, hiddenSize, Gate(options ?? QkanLayerOptions.ForNetwork, random ?? new Random(0), latentIn, latentOut))
{
    private static Func<int, int, Module> Gate(QkanLayerOptions options, Random random, int? latentIn, int? latentOut) =>
        (i, o) => new Hqkan(i, o, options, random, latentIn, latentOut);
}
