using Qml.Learning.Data;
using Qml.Learning.Data.Synthetic;

namespace Qml.Models.Qkan.Data;

/// <summary>
/// Seeded regression sets of the QKAN papers: x drawn uniformly on an interval, y = f(x) exactly.
/// The regression task "bessel-j0" (J0(20x) on an interval); the built-in forecasting windows of J0(t) are "bessel-j0-series".
/// </summary>
public static class FunctionDatasets
{
    /// <summary>J0(20x), x ~ U[low, high].</summary>
    public static Dataset BesselJ0Scaled(int samples = 1000, double low = 0, double high = 1, int seed = 0) =>
        OneDimensional("bessel-j0", samples, low, high, seed, x => BesselJ0.Evaluate(20 * x));

    /// <summary>The spherical j0(20x) = sin(20x)/(20x) (the reference README's "J_0(20x)"), 1 at x = 0.</summary>
    public static Dataset SphericalJ0(int samples = 1000, double low = 0, double high = 1, int seed = 0) =>
        OneDimensional("spherical-j0", samples, low, high, seed, x => x == 0 ? 1.0 : Math.Sin(20 * x) / (20 * x));

    /// <summary>f(x, y) = exp(sin(πx) + y²), (x, y) ~ U[low, high]² (the layer-extension notebook's target).</summary>
    public static Dataset ExpSin(int samples = 1000, double low = -1, double high = 1, int seed = 0)
    {
        var random = new Random(seed);
        var features = new double[samples * 2];
        var targets = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            double x = low + ((high - low) * random.NextDouble());
            double y = low + ((high - low) * random.NextDouble());
            features[2 * s] = x;
            features[(2 * s) + 1] = y;
            targets[s] = Math.Exp(Math.Sin(Math.PI * x) + (y * y));
        }

        return Dataset.ForRegression("exp-sin", features, 2, targets, 1, ["x", "y"]);
    }

    private static Dataset OneDimensional(string name, int samples, double low, double high, int seed, Func<double, double> f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        var random = new Random(seed);
        var features = new double[samples];
        var targets = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            features[s] = low + ((high - low) * random.NextDouble());
            targets[s] = f(features[s]);
        }

        return Dataset.ForRegression(name, features, 1, targets, 1, ["x"]);
    }
}
