namespace Qml.Learning.Data;

/// <summary>
/// One mini-batch: the source sample <see cref="Indices"/> and copies of their rows
/// (row-major B × <see cref="FeatureCount"/>), labels or targets.
/// </summary>
public sealed record DatasetBatch(int[] Indices, double[] Features, int FeatureCount, int[]? Labels, double[]? Targets, int TargetWidth)
{
    /// <summary>Samples B in the batch (the last batch may be smaller).</summary>
    public int Size => Indices.Length;

    /// <summary>The features of the batch's row <paramref name="index"/> (0..B-1, not the source index).</summary>
    public ReadOnlySpan<double> Row(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);
}
