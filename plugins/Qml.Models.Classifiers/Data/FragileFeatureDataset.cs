using Qml.Abstractions;
using Qml.Learning.Data;

namespace Qml.Models.Classifiers.Data;

/// <summary>
/// A two-feature task for adversarial robustness (the "robust vs non-robust features" picture of
/// Tsipras et al. and Ilyas et al.): x0 = ±<c>fragile</c> + N(0, 0.01) separates the classes
/// almost perfectly but any L∞ attack with ε above <c>fragile</c> flips it; x1 = ±0.5 + N(0, <c>noise</c>)
/// is robust but noisy (about 92% alone at the defaults). Standard training leans on x0;
/// adversarial training has to move to x1. Use with <c>--scaling none</c> so ε keeps these units.
/// </summary>
public static class FragileFeatureDataset
{
    public static Dataset Generate(int samples = 600, double fragile = 0.08, double noise = 0.35, int seed = 0)
    {
        if (samples < 2)
        {
            throw new QmlException($"fragile-feature dataset: samples={samples} is too few; expected at least 2.");
        }

        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var features = new double[samples * 2];
        var labels = new int[samples];
        for (var i = 0; i < samples; i++)
        {
            labels[i] = i % 2;
            var sign = labels[i] == 1 ? 1 : -1;
            features[2 * i] = (sign * fragile) + (0.01 * Gaussian());
            features[(2 * i) + 1] = (sign * 0.5) + (noise * Gaussian());
        }

        return Dataset.ForClassification("fragile-feature", features, 2, labels, 2, ["fragile", "robust"]);
    }
}

/// <summary>Registers <see cref="FragileFeatureDataset"/> as <c>--dataset fragile-feature</c>.</summary>
public sealed class FragileFeatureDatasetProvider : IDatasetProvider
{
    private static readonly DatasetProvider Inner = new(
        new DatasetDescriptor(
            "fragile-feature",
            "adversarial-robustness task: x0 = ±0.08 (near-perfect, flipped by ε > 0.08), x1 = ±0.5 + noise (robust, ~92%); train with --scaling none",
            DatasetTask.Classification,
            [
                new("samples", "number of samples (balanced classes)", "600"),
                new("fragile", "class offset of the fragile feature x0", "0.08"),
                new("noise", "standard deviation of the robust feature x1", "0.35"),
                new("seed", "seed of the samples", "0"),
            ]),
        o => FragileFeatureDataset.Generate(o.GetInt("samples", 600, 2), o.GetDouble("fragile", 0.08, 0), o.GetDouble("noise", 0.35, 0), o.GetInt("seed", 0)));

    public string Name => Inner.Name;

    public DatasetDescriptor Describe() => Inner.Describe();

    public Dataset Load(DatasetOptions options) => Inner.Load(options);
}
