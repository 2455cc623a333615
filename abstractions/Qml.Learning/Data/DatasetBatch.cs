namespace Qml.Learning.Data;

/// <summary>
/// One mini-batch: the source sample <see cref="Indices"/> and copies of their rows
/// (row-major B × <see cref="FeatureCount"/>), labels or targets.
/// </summary>
public sealed record DatasetBatch(int[] Indices, double[] Features, int FeatureCount, int[]? Labels, double[]? Targets, int TargetWidth)
{
    public int Size => Indices.Length;

    public ReadOnlySpan<double> Row(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);
}
