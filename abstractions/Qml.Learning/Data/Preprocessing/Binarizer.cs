namespace Qml.Learning.Data.Preprocessing;

/// <summary>1 where a feature exceeds <see cref="Threshold"/>, else 0 (e.g. pixels for basis encoding).</summary>
public sealed class Binarizer(int featureCount, double threshold = 0.5) : IFeatureTransform
{
    public double Threshold { get; } = threshold;

    public int InputFeatureCount { get; } = featureCount;

    public int OutputFeatureCount => InputFeatureCount;

    public void TransformRow(ReadOnlySpan<double> row, Span<double> output)
    {
        for (var f = 0; f < InputFeatureCount; f++)
        {
            output[f] = row[f] > Threshold ? 1.0 : 0.0;
        }
    }
}
