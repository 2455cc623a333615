using Qml.Learning.Autodiff;

namespace Qml.Learning.Tensors;

public static partial class Ops
{
    /// <summary>A view with another shape and the same elements; one dimension may be −1 (inferred).</summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(shape);
        int[] resolved = (int[])shape.Clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] == -1)
            {
                if (infer >= 0)
                {
                    throw new ArgumentException("At most one dimension may be −1.", nameof(shape));
                }

                infer = i;
            }
            else if (resolved[i] < 0)
            {
                throw new ArgumentException($"Shape {ShapeUtil.Format(shape)} has a negative dimension.", nameof(shape));
            }
            else
            {
                known *= resolved[i];
            }
        }

        if (infer >= 0)
        {
            if (known == 0 || x.Length % known != 0)
            {
                throw new ArgumentException($"Cannot reshape {ShapeUtil.Format(x.Dims)} to {ShapeUtil.Format(shape)}.", nameof(shape));
            }

            resolved[infer] = (int)(x.Length / known);
            known *= resolved[infer];
        }

        if (known != x.Length)
        {
            throw new ArgumentException($"Cannot reshape {ShapeUtil.Format(x.Dims)} ({x.Length} elements) to {ShapeUtil.Format(shape)}.", nameof(shape));
        }

        var r = new Tensor(x.Storage, resolved);
        return Graph.Record(r, [x], g => [new Tensor(g.Storage, x.ShapeArray)]);
    }

    /// <summary>Flattens all but the first axis: [N, ...] → [N, rest].</summary>
    public static Tensor Flatten(Tensor x) => Reshape(x, x.Rank == 0 ? 1 : x.Dim(0), -1);

    /// <summary>Inserts an axis of size 1 at <paramref name="axis"/>.</summary>
    public static Tensor Unsqueeze(Tensor x, int axis)
    {
        ArgumentNullException.ThrowIfNull(x);
        int a = ShapeUtil.NormalizeAxis(axis, x.Rank + 1);
        var shape = new List<int>(x.Shape);
        shape.Insert(a, 1);
        return Reshape(x, shape.ToArray());
    }

    /// <summary>The transpose of a matrix, or of the last two axes of a higher-rank tensor.</summary>
    public static Tensor Transpose(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank < 2)
        {
            throw new ArgumentException($"Transpose needs rank ≥ 2; got {ShapeUtil.Format(x.Dims)}.", nameof(x));
        }

        return Transpose(x, x.Rank - 2, x.Rank - 1);
    }

    /// <summary>Swaps two axes (a copy).</summary>
    public static Tensor Transpose(Tensor x, int axis0, int axis1)
    {
        ArgumentNullException.ThrowIfNull(x);
        int[] perm = new int[x.Rank];
        for (int i = 0; i < perm.Length; i++)
        {
            perm[i] = i;
        }

        int a = ShapeUtil.NormalizeAxis(axis0, x.Rank), b = ShapeUtil.NormalizeAxis(axis1, x.Rank);
        (perm[a], perm[b]) = (perm[b], perm[a]);
        return Permute(x, perm);
    }

    /// <summary>Reorders axes: result axis i is input axis <paramref name="perm"/>[i] (a copy).</summary>
    public static Tensor Permute(Tensor x, params int[] perm)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(perm);
        if (perm.Length != x.Rank)
        {
            throw new ArgumentException($"A permutation of a rank-{x.Rank} tensor needs {x.Rank} axes.", nameof(perm));
        }

        int[] inStrides = ShapeUtil.Strides(x.Dims);
        int[] shape = new int[perm.Length], strides = new int[perm.Length], inverse = new int[perm.Length];
        bool[] seen = new bool[perm.Length];
        for (int i = 0; i < perm.Length; i++)
        {
            int p = ShapeUtil.NormalizeAxis(perm[i], x.Rank);
            if (seen[p])
            {
                throw new ArgumentException($"Axis {p} appears twice in the permutation.", nameof(perm));
            }

            seen[p] = true;
            shape[i] = x.Dims[p];
            strides[i] = inStrides[p];
            inverse[p] = i;
        }

        Tensor r = NewTensor(shape);
        BroadcastPlan plan = BroadcastPlan.Create(shape, ShapeUtil.Strides(shape), strides);
        ReadOnlySpan<double> src = x.Data;
        Span<double> dst = r.Data;
        int len = plan.RunLength, step = plan.InnerStrides[1];
        int[] offR = plan.Offsets[0], offX = plan.Offsets[1];
        for (int run = 0; run < plan.Runs; run++)
        {
            int o = offX[run];
            Span<double> d = dst.Slice(offR[run], len);
            for (int j = 0; j < d.Length; j++)
            {
                d[j] = src[o + (j * step)];
            }
        }

        return Graph.Record(r, [x], g => [Permute(g, inverse)]);
    }

    /// <summary>Elements [start, start + length) along <paramref name="axis"/> (a copy).</summary>
    public static Tensor Narrow(Tensor x, int axis, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(x);
        int a = ShapeUtil.NormalizeAxis(axis, x.Rank);
        if (start < 0 || length < 0 || start + length > x.Dims[a])
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {start + length}) is outside axis {a} of size {x.Dims[a]}.");
        }

        (int outer, int size, int inner) = ShapeUtil.Split(x.Dims, a);
        int[] shape = x.Shape;
        shape[a] = length;
        Tensor r = NewTensor(shape);
        CopyBlocks(x.Data, size * inner, start * inner, r.Data, length * inner, 0, length * inner, outer);
        return Graph.Record(r, [x], g =>
        {
            Tensor gx = NewTensor(x.ShapeArray);
            CopyBlocks(g.Data, length * inner, 0, gx.Data, size * inner, start * inner, length * inner, outer);
            return [gx];
        });
    }

    /// <summary>Elements [start, end) along <paramref name="axis"/>.</summary>
    public static Tensor Slice(Tensor x, int axis, int start, int end) => Narrow(x, axis, start, end - start);

    /// <summary>Index <paramref name="index"/> along <paramref name="axis"/>, dropping the axis.</summary>
    public static Tensor Select(Tensor x, int axis, int index)
    {
        ArgumentNullException.ThrowIfNull(x);
        int a = ShapeUtil.NormalizeAxis(axis, x.Rank);
        var shape = new List<int>(x.Shape);
        shape.RemoveAt(a);
        return Reshape(Narrow(x, a, index, 1), shape.ToArray());
    }

    /// <summary>Joins tensors along an existing axis; all other dimensions must agree.</summary>
    public static Tensor Concat(Tensor[] xs, int axis)
    {
        ArgumentNullException.ThrowIfNull(xs);
        if (xs.Length == 0)
        {
            throw new ArgumentException("Concat needs at least one tensor.", nameof(xs));
        }

        int a = ShapeUtil.NormalizeAxis(axis, xs[0].Rank);
        int[] shape = xs[0].Shape;
        int total = 0;
        foreach (Tensor t in xs)
        {
            if (t.Rank != shape.Length)
            {
                throw new ArgumentException($"Concat needs equal ranks; got {ShapeUtil.Format(xs[0].Dims)} and {ShapeUtil.Format(t.Dims)}.", nameof(xs));
            }

            for (int i = 0; i < shape.Length; i++)
            {
                if (i != a && t.Dims[i] != shape[i])
                {
                    throw new ArgumentException($"Concat along axis {a}: shapes {ShapeUtil.Format(xs[0].Dims)} and {ShapeUtil.Format(t.Dims)} differ on axis {i}.", nameof(xs));
                }
            }

            total += t.Dims[a];
        }

        shape[a] = total;
        Tensor r = NewTensor(shape);
        (int outer, _, int inner) = ShapeUtil.Split(shape, a);
        int offset = 0;
        foreach (Tensor t in xs)
        {
            int block = t.Dims[a] * inner;
            CopyBlocks(t.Data, block, 0, r.Data, total * inner, offset, block, outer);
            offset += block;
        }

        Tensor[] inputs = (Tensor[])xs.Clone();
        return Graph.Record(r, inputs, g =>
        {
            var grads = new Tensor?[inputs.Length];
            int off = 0;
            for (int i = 0; i < inputs.Length; i++)
            {
                int block = inputs[i].Dims[a] * inner;
                if (inputs[i].RequiresGrad)
                {
                    Tensor gi = NewTensor(inputs[i].ShapeArray);
                    CopyBlocks(g.Data, total * inner, off, gi.Data, block, 0, block, outer);
                    grads[i] = gi;
                }

                off += block;
            }

            return grads;
        });
    }

    /// <summary>Joins equally shaped tensors along a new axis.</summary>
    public static Tensor Stack(Tensor[] xs, int axis)
    {
        ArgumentNullException.ThrowIfNull(xs);
        if (xs.Length == 0)
        {
            throw new ArgumentException("Stack needs at least one tensor.", nameof(xs));
        }

        int a = ShapeUtil.NormalizeAxis(axis, xs[0].Rank + 1);
        var expanded = new Tensor[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            if (!xs[i].Dims.SequenceEqual(xs[0].Dims))
            {
                throw new ArgumentException($"Stack needs equal shapes; got {ShapeUtil.Format(xs[0].Dims)} and {ShapeUtil.Format(xs[i].Dims)}.", nameof(xs));
            }

            expanded[i] = Unsqueeze(xs[i], a);
        }

        return Concat(expanded, a);
    }

    /// <summary>Copies <paramref name="count"/> blocks of <paramref name="length"/> between two strided layouts.</summary>
    private static void CopyBlocks(ReadOnlySpan<double> src, int srcStride, int srcOffset, Span<double> dst, int dstStride, int dstOffset, int length, int count)
    {
        for (int o = 0; o < count; o++)
        {
            src.Slice((o * srcStride) + srcOffset, length).CopyTo(dst.Slice((o * dstStride) + dstOffset, length));
        }
    }
}
