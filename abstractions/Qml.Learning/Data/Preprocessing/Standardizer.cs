namespace Qml.Learning.Data.Preprocessing;

/// <summary>
/// z = (x − mean) / std per feature, with the population standard deviation of the training
/// part. A constant feature keeps scale 1 (it becomes 0) rather than dividing by zero.
/// </summary>
public sealed class Standardizer : IFeatureTransform
{
    public Standardizer(double[] means, double[] standardDeviations)
    {
        FeatureStatistics.RequireLength(nameof(Standardizer), "standardDeviations", standardDeviations.Length, means.Length);
        Means = means;
        StandardDeviations = standardDeviations;
    }

    public IReadOnlyList<double> Means { get; }

    public IReadOnlyList<double> StandardDeviations { get; }

    public int InputFeatureCount => Means.Count;

    public int OutputFeatureCount => Means.Count;

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

    public void TransformRow(ReadOnlySpan<double> row, Span<double> output)
    {
        for (var f = 0; f < Means.Count; f++)
        {
            output[f] = (row[f] - Means[f]) / StandardDeviations[f];
        }
    }
}
