namespace Qml.Learning.Data.Preprocessing;

/// <summary>
/// A fitted, row-wise feature map (fit on the training part, then applied unchanged to
/// validation, test and new data). Implementations expose their fitted parameters as
/// properties so a model card can save them and a constructor can restore them.
/// </summary>
public interface IFeatureTransform
{
    /// <summary>Features per input row the transform was fitted on.</summary>
    int InputFeatureCount { get; }

    /// <summary>Features per output row.</summary>
    int OutputFeatureCount { get; }

    /// <summary>Maps one row of <see cref="InputFeatureCount"/> values into <paramref name="output"/> of <see cref="OutputFeatureCount"/> values; the spans must not overlap.</summary>
    void TransformRow(ReadOnlySpan<double> row, Span<double> output);
}

/// <summary>Applies an <see cref="IFeatureTransform"/> to whole datasets.</summary>
public static class FeatureTransformExtensions
{
    /// <summary>The dataset with every row mapped; labels, targets and names of classes are kept.</summary>
    public static Dataset Transform(this IFeatureTransform transform, Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.FeatureCount != transform.InputFeatureCount)
        {
            throw new Qml.Abstractions.QmlException(
                $"{transform.GetType().Name} was fitted on {transform.InputFeatureCount} features; dataset '{dataset.Name}' has {dataset.FeatureCount}.");
        }

        var width = transform.OutputFeatureCount;
        var output = new double[dataset.SampleCount * width];
        for (var i = 0; i < dataset.SampleCount; i++)
        {
            transform.TransformRow(dataset.Row(i), output.AsSpan(i * width, width));
        }

        var names = width == dataset.FeatureCount ? dataset.FeatureNames : null;
        var sequence = width == dataset.FeatureCount ? dataset.SequenceLength : 0;
        return dataset.WithFeatures(output, width, names, sequence);
    }
}
