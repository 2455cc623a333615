using Qml.Learning.Autodiff;

namespace Qml.Learning.Tensors;

public static partial class Ops
{
    /// <summary>Rows of <paramref name="x"/> (axis 0) at <paramref name="indices"/>, e.g. an embedding lookup or a mini-batch.</summary>
    public static Tensor IndexSelect(Tensor x, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(indices);
        if (x.Rank == 0)
        {
            throw new ArgumentException("IndexSelect needs rank ≥ 1.", nameof(x));
        }

        int rows = x.Dims[0];
        int row = rows == 0 ? 0 : x.Length / rows;
        int[] idx = (int[])indices.Clone();
        foreach (int i in idx)
        {
            if ((uint)i >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"Row {i} is outside [0, {rows}).");
            }
        }

        int[] shape = x.Shape;
        shape[0] = idx.Length;
        Tensor r = NewTensor(shape);
        for (int k = 0; k < idx.Length; k++)
        {
            x.Data.Slice(idx[k] * row, row).CopyTo(r.Data.Slice(k * row, row));
        }

        return Graph.Record(r, [x], g =>
        {
            // Scatter-add: a row picked twice receives both gradients.
            Tensor gx = NewTensor(x.ShapeArray);
            for (int k = 0; k < idx.Length; k++)
            {
                Span<double> dst = gx.Data.Slice(idx[k] * row, row);
                System.Numerics.Tensors.TensorPrimitives.Add(dst, g.Data.Slice(k * row, row), dst);
            }

            return [gx];
        });
    }

    /// <summary>From a [N, C] tensor, x[n, columns[n]] for each row n, as [N] (e.g. the logit of each label).</summary>
    public static Tensor Gather(Tensor x, int[] columns)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(columns);
        if (x.Rank != 2 || columns.Length != x.Dims[0])
        {
            throw new ArgumentException($"Gather needs [N, C] and N column indices; got {ShapeUtil.Format(x.Dims)} and {columns.Length}.", nameof(columns));
        }

        int n = x.Dims[0], c = x.Dims[1];
        int[] cols = (int[])columns.Clone();
        Tensor r = NewTensor([n]);
        for (int i = 0; i < n; i++)
        {
            if ((uint)cols[i] >= (uint)c)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), $"Column {cols[i]} in row {i} is outside [0, {c}).");
            }

            r.Data[i] = x.Data[(i * c) + cols[i]];
        }

        return Graph.Record(r, [x], g =>
        {
            Tensor gx = NewTensor(x.ShapeArray);
            for (int i = 0; i < n; i++)
            {
                gx.Data[(i * c) + cols[i]] = g.Data[i];
            }

            return [gx];
        });
    }
}
