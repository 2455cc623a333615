namespace Qml.Learning.Data.Synthetic;

/// <summary>
/// Two interleaving half circles, as scikit-learn's <c>make_moons</c>: class 0 on the unit
/// upper half circle around (0, 0), class 1 on the lower half circle of radius 1 around
/// (1, 0.5); points evenly spaced in angle, shuffled, then jittered by Gaussian noise.
/// </summary>
public static class TwoMoons
{
    /// <summary>Generates the dataset: 2 features (x, y), 2 classes, about half the samples in each.</summary>
    /// <param name="samples">Total samples, ≥ 2.</param>
    /// <param name="noise">Standard deviation of the Gaussian jitter, ≥ 0.</param>
    /// <param name="seed">Seed of the shuffle and the noise.</param>
    /// <exception cref="Qml.Abstractions.QmlException">An argument is outside its range.</exception>
    public static Dataset Generate(int samples = 200, double noise = 0.1, int seed = 0)
    {
        SyntheticChecks.AtLeast("moons", "samples", samples, 2);
        SyntheticChecks.NonNegative("moons", "noise", noise);
        var outer = samples / 2;
        var inner = samples - outer;
        var features = new double[samples * 2];
        var labels = new int[samples];
        for (var i = 0; i < outer; i++)
        {
            var t = outer == 1 ? 0 : Math.PI * i / (outer - 1);
            features[2 * i] = Math.Cos(t);
            features[(2 * i) + 1] = Math.Sin(t);
        }

        for (var i = 0; i < inner; i++)
        {
            var t = inner == 1 ? 0 : Math.PI * i / (inner - 1);
            var row = outer + i;
            features[2 * row] = 1 - Math.Cos(t);
            features[(2 * row) + 1] = 0.5 - Math.Sin(t);
            labels[row] = 1;
        }

        return Finish("moons", features, labels, noise, seed);
    }

    /// <summary>Shuffles rows and adds noise with one seeded stream (shared by moons and circles).</summary>
    internal static Dataset Finish(string name, double[] features, int[] labels, double noise, int seed)
    {
        var random = new Random(seed);
        var order = new int[labels.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        SeededShuffle.Shuffle(order.AsSpan(), random);
        var shuffledFeatures = new double[features.Length];
        var shuffledLabels = new int[labels.Length];
        for (var i = 0; i < order.Length; i++)
        {
            shuffledFeatures[2 * i] = features[2 * order[i]] + (noise * Gaussian.Next(random));
            shuffledFeatures[(2 * i) + 1] = features[(2 * order[i]) + 1] + (noise * Gaussian.Next(random));
            shuffledLabels[i] = labels[order[i]];
        }

        return Dataset.ForClassification(name, shuffledFeatures, 2, shuffledLabels, 2, ["x", "y"]);
    }
}
