namespace Qml.Learning.Data.Preprocessing;

/// <summary>1 where a feature exceeds <see cref="Threshold"/>, else 0 (e.g. pixels for basis encoding).</summary>
public sealed class Binarizer(int featureCount, double threshold = 0.5) : IFeatureTransform
{
    /// <summary>Values strictly above it map to 1.</summary>
    public double Threshold { get; } = threshold;

    /// <summary>Features per row.</summary>
    public int InputFeatureCount { get; } = featureCount;

    /// <summary>Features per row (unchanged).</summary>
    public int OutputFeatureCount => InputFeatureCount;

    /// <summary>Writes 1 for each value &gt; <see cref="Threshold"/>, else 0 (NaN maps to 0).</summary>
    public void TransformRow(ReadOnlySpan<double> row, Span<double> output)
    {
        for (var f = 0; f < InputFeatureCount; f++)
        {
            output[f] = row[f] > Threshold ? 1.0 : 0.0;
        }
    }
}
