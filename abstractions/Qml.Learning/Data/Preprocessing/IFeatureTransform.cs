namespace Qml.Learning.Data.Preprocessing;

/// <summary>
/// A fitted, row-wise feature map (fit on the training part, then applied unchanged to
/// validation, test and new data). Implementations expose their fitted parameters as
/// properties so a model card can save them and a constructor can restore them.
/// </summary>
public interface IFeatureTransform
{
    int InputFeatureCount { get; }

    int OutputFeatureCount { get; }

    void TransformRow(ReadOnlySpan<double> row, Span<double> output);
}

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
