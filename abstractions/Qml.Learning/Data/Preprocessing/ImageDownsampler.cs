namespace Qml.Learning.Data.Preprocessing;

/// <summary>
/// Shrinks row-major H × W images to h × w by area averaging: each output pixel is the mean of
/// the source area it covers, with partly covered source pixels weighted by the covered
/// fraction, so non-integer ratios (28 → 8) work and the mean brightness is preserved.
/// </summary>
public sealed class ImageDownsampler : IFeatureTransform
{
    private readonly double[] rowWeights;
    private readonly double[] columnWeights;

    /// <summary>Creates the transform from H × W (<paramref name="sourceHeight"/> × <paramref name="sourceWidth"/>) to h × w images.</summary>
    /// <exception cref="Qml.Abstractions.QmlException">A size is &lt; 1, or a target size exceeds its source size (no upsampling).</exception>
    public ImageDownsampler(int sourceHeight, int sourceWidth, int targetHeight, int targetWidth)
    {
        if (sourceHeight < 1 || sourceWidth < 1 || targetHeight < 1 || targetWidth < 1 || targetHeight > sourceHeight || targetWidth > sourceWidth)
        {
            throw new Qml.Abstractions.QmlException(
                $"Downsampling {sourceHeight}×{sourceWidth} to {targetHeight}×{targetWidth} is invalid; expected 1 ≤ target ≤ source in each dimension.");
        }

        (SourceHeight, SourceWidth, TargetHeight, TargetWidth) = (sourceHeight, sourceWidth, targetHeight, targetWidth);
        rowWeights = Weights(sourceHeight, targetHeight);
        columnWeights = Weights(sourceWidth, targetWidth);
    }

    /// <summary>Input image height H in pixels.</summary>
    public int SourceHeight { get; }

    /// <summary>Input image width W in pixels.</summary>
    public int SourceWidth { get; }

    /// <summary>Output image height h in pixels.</summary>
    public int TargetHeight { get; }

    /// <summary>Output image width w in pixels.</summary>
    public int TargetWidth { get; }

    /// <summary>H · W.</summary>
    public int InputFeatureCount => SourceHeight * SourceWidth;

    /// <summary>h · w.</summary>
    public int OutputFeatureCount => TargetHeight * TargetWidth;

    /// <summary>Area-averages one row-major H × W image into a row-major h × w image.</summary>
    public void TransformRow(ReadOnlySpan<double> row, Span<double> output)
    {
        // Separable: first average rows (h × W), then columns (h × w).
        Span<double> partial = TargetHeight * SourceWidth <= 4096 ? stackalloc double[TargetHeight * SourceWidth] : new double[TargetHeight * SourceWidth];
        partial.Clear();
        for (var i = 0; i < TargetHeight; i++)
        {
            for (var y = 0; y < SourceHeight; y++)
            {
                var weight = rowWeights[(i * SourceHeight) + y];
                if (weight != 0)
                {
                    for (var x = 0; x < SourceWidth; x++)
                    {
                        partial[(i * SourceWidth) + x] += weight * row[(y * SourceWidth) + x];
                    }
                }
            }
        }

        for (var i = 0; i < TargetHeight; i++)
        {
            for (var j = 0; j < TargetWidth; j++)
            {
                var sum = 0.0;
                for (var x = 0; x < SourceWidth; x++)
                {
                    sum += columnWeights[(j * SourceWidth) + x] * partial[(i * SourceWidth) + x];
                }

                output[(i * TargetWidth) + j] = sum;
            }
        }
    }

    /// <summary>target × source matrix: the share of source cell s inside target cell t, rows summing to 1.</summary>
    private static double[] Weights(int source, int target)
    {
        var weights = new double[target * source];
        var ratio = (double)source / target;
        for (var t = 0; t < target; t++)
        {
            var start = t * ratio;
            var end = (t + 1) * ratio;
            for (var s = (int)Math.Floor(start); s < Math.Min(source, (int)Math.Ceiling(end)); s++)
            {
                var overlap = Math.Min(end, s + 1) - Math.Max(start, s);
                weights[(t * source) + s] = overlap / ratio;
            }
        }

        return weights;
    }
}
