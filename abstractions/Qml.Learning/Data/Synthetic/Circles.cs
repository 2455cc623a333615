namespace Qml.Learning.Data.Synthetic;

/// <summary>
/// Two concentric circles, as scikit-learn's <c>make_circles</c>: class 0 on the unit circle,
/// class 1 on the circle of radius <c>factor</c>; points evenly spaced in angle, shuffled,
/// then jittered by Gaussian noise.
/// </summary>
public static class Circles
{
    /// <summary>Generates the dataset: 2 features (x, y), 2 classes, samples/2 (rounded down) on the outer circle and the rest on the inner one.</summary>
    /// <param name="samples">Total samples, ≥ 2.</param>
    /// <param name="noise">Standard deviation of the Gaussian jitter, ≥ 0.</param>
    /// <param name="factor">Inner radius over outer, in (0, 1).</param>
    /// <param name="seed">Seed of the shuffle and the noise.</param>
    /// <exception cref="Qml.Abstractions.QmlException">An argument is outside its range.</exception>
    public static Dataset Generate(int samples = 200, double noise = 0.05, double factor = 0.5, int seed = 0)
    {
        SyntheticChecks.AtLeast("circles", "samples", samples, 2);
        SyntheticChecks.NonNegative("circles", "noise", noise);
        if (!(factor > 0 && factor < 1))
        {
            throw new Qml.Abstractions.QmlException($"circles: factor = {factor} is invalid; expected 0 < factor < 1 (inner radius over outer).");
        }

        var outer = samples / 2;
        var inner = samples - outer;
        var features = new double[samples * 2];
        var labels = new int[samples];
        for (var i = 0; i < outer; i++)
        {
            var t = 2 * Math.PI * i / outer;
            features[2 * i] = Math.Cos(t);
            features[(2 * i) + 1] = Math.Sin(t);
        }

        for (var i = 0; i < inner; i++)
        {
            var t = 2 * Math.PI * i / inner;
            var row = outer + i;
            features[2 * row] = factor * Math.Cos(t);
            features[(2 * row) + 1] = factor * Math.Sin(t);
            labels[row] = 1;
        }

        return TwoMoons.Finish("circles", features, labels, noise, seed);
    }
}
