namespace Qml.Learning.Data.Preprocessing;

/// <summary>
/// z = (x − mean) / std per feature, with the population standard deviation of the training
/// part. A constant feature keeps scale 1 (it becomes 0) rather than dividing by zero.
/// </summary>
public sealed class Standardizer : IFeatureTransform
{
    /// <summary>Restores a fitted standardizer (e.g. from a model card); the arrays are kept, not copied.</summary>
    /// <exception cref="Qml.Abstractions.QmlException">The arrays differ in length.</exception>
    public Standardizer(double[] means, double[] standardDeviations)
    {
        FeatureStatistics.RequireLength(nameof(Standardizer), "standardDeviations", standardDeviations.Length, means.Length);
        Means = means;
        StandardDeviations = standardDeviations;
    }

    /// <summary>Per-feature training mean.</summary>
    public IReadOnlyList<double> Means { get; }

    /// <summary>Per-feature population standard deviation of the training part (1 for constant features).</summary>
    public IReadOnlyList<double> StandardDeviations { get; }

    /// <summary>Features per row the standardizer was fitted on.</summary>
    public int InputFeatureCount => Means.Count;

    /// <summary>Features per row (unchanged).</summary>
    public int OutputFeatureCount => Means.Count;

    /// <summary>Fits per-feature mean and population standard deviation on <paramref name="train"/> (use the training part only).</summary>
    /// <exception cref="Qml.Abstractions.QmlException">The dataset has no samples.</exception>
    public static Standardizer Fit(Dataset train)
    {
        var means = FeatureStatistics.Means(train);
        var deviations = new double[train.FeatureCount];
        for (var i = 0; i < train.SampleCount; i++)
        {
            var row = train.Row(i);
            for (var f = 0; f < deviations.Length; f++)
            {
                var d = row[f] - means[f];
                deviations[f] += d * d;
            }
        }

        for (var f = 0; f < deviations.Length; f++)
        {
            var std = Math.Sqrt(deviations[f] / train.SampleCount);
            deviations[f] = std > 0 ? std : 1.0;
        }

        return new Standardizer(means, deviations);
    }

    /// <summary>Writes (x − mean) / std per feature.</summary>
    public void TransformRow(ReadOnlySpan<double> row, Span<double> output)
    {
        for (var f = 0; f < Means.Count; f++)
        {
            output[f] = (row[f] - Means[f]) / StandardDeviations[f];
        }
    }
}
