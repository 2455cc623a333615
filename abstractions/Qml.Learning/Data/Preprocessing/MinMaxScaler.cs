namespace Qml.Learning.Data.Preprocessing;

/// <summary>
/// Maps each feature's training range [min, max] linearly onto [<see cref="Low"/>, <see cref="High"/>],
/// e.g. [0, π] for rotation angles. Values outside the training range map outside the target
/// range unless <see cref="Clip"/> is set (angles wrap, so clipping is often wanted). A constant
/// feature maps to <see cref="Low"/>.
/// </summary>
public sealed class MinMaxScaler : IFeatureTransform
{
    /// <summary>Restores a fitted scaler (e.g. from a model card); the arrays are kept, not copied.</summary>
    /// <exception cref="Qml.Abstractions.QmlException">The arrays differ in length, or not <paramref name="low"/> &lt; <paramref name="high"/>.</exception>
    public MinMaxScaler(double[] minimums, double[] maximums, double low, double high, bool clip)
    {
        FeatureStatistics.RequireLength(nameof(MinMaxScaler), "maximums", maximums.Length, minimums.Length);
        if (!(high > low))
        {
            throw new Qml.Abstractions.QmlException($"MinMaxScaler: target range [{low}, {high}] is invalid; expected low < high.");
        }

        Minimums = minimums;
        Maximums = maximums;
        Low = low;
        High = high;
        Clip = clip;
    }

    /// <summary>Per-feature training minimum.</summary>
    public IReadOnlyList<double> Minimums { get; }

    /// <summary>Per-feature training maximum.</summary>
    public IReadOnlyList<double> Maximums { get; }

    /// <summary>Where a feature's training minimum maps to.</summary>
    public double Low { get; }

    /// <summary>Where a feature's training maximum maps to.</summary>
    public double High { get; }

    /// <summary>Whether outputs are clamped to [<see cref="Low"/>, <see cref="High"/>].</summary>
    public bool Clip { get; }

    /// <summary>Features per row the scaler was fitted on.</summary>
    public int InputFeatureCount => Minimums.Count;

    /// <summary>Features per row (unchanged).</summary>
    public int OutputFeatureCount => Minimums.Count;

    /// <summary>Fits per-feature minimum and maximum on <paramref name="train"/> (use the training part only).</summary>
    /// <exception cref="Qml.Abstractions.QmlException">The dataset has no samples, or not <paramref name="low"/> &lt; <paramref name="high"/>.</exception>
    public static MinMaxScaler Fit(Dataset train, double low = 0, double high = 1, bool clip = false)
    {
        FeatureStatistics.RequireSamples(train, 1);
        var minimums = train.Row(0).ToArray();
        var maximums = train.Row(0).ToArray();
        for (var i = 1; i < train.SampleCount; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Min(minimums, train.Row(i), minimums);
            System.Numerics.Tensors.TensorPrimitives.Max(maximums, train.Row(i), maximums);
        }

        return new MinMaxScaler(minimums, maximums, low, high, clip);
    }

    /// <summary>Maps each value by Low + (x − min)/(max − min)·(High − Low), clamped when <see cref="Clip"/>.</summary>
    public void TransformRow(ReadOnlySpan<double> row, Span<double> output)
    {
        for (var f = 0; f < Minimums.Count; f++)
        {
            var range = Maximums[f] - Minimums[f];
            var value = range > 0 ? Low + ((row[f] - Minimums[f]) / range * (High - Low)) : Low;
            output[f] = Clip ? Math.Clamp(value, Low, High) : value;
        }
    }
}
