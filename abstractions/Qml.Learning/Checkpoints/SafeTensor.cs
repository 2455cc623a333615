namespace Qml.Learning.Checkpoints;

/// <summary>One named tensor of a safetensors file, held as doubles (stored as F64; F32 files widen on read).</summary>
public sealed record SafeTensor(int[] Shape, double[] Values)
{
    /// <summary>Number of elements the shape implies.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);
}
