namespace Qml.Learning.Tensors;

/// <summary>
/// Walks a contiguous iteration shape in runs of its (coalesced) last dimension, giving each
/// operand's start offset per run and its stride inside the run (1, or 0 when broadcast).
/// Built once per op, so the per-element work is a span kernel over each run.
/// </summary>
internal sealed class BroadcastPlan
{
    private BroadcastPlan(int runLength, int runs, int[] innerStrides, int[][] offsets)
    {
        RunLength = runLength;
        Runs = runs;
        InnerStrides = innerStrides;
        Offsets = offsets;
    }

    public int RunLength { get; }

    public int Runs { get; }

    /// <summary>Per operand: 1 if it advances inside a run, 0 if one value is broadcast over it.</summary>
    public int[] InnerStrides { get; }

    /// <summary>Per operand, per run: the offset of the run's first element.</summary>
    public int[][] Offsets { get; }

    /// <param name="shape">The iteration shape (the broadcast result).</param>
    /// <param name="operandStrides">Per operand, strides aligned with <paramref name="shape"/> (0 on stretched axes).</param>
    public static BroadcastPlan Create(ReadOnlySpan<int> shape, params int[][] operandStrides)
    {
        int k = operandStrides.Length;

        // Coalesce: drop size-1 axes, then merge neighbours that every operand walks contiguously.
        var dims = new List<int>(shape.Length);
        var strides = new List<int[]>(shape.Length);
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 1)
            {
                continue;
            }

            var s = new int[k];
            for (int o = 0; o < k; o++)
            {
                s[o] = operandStrides[o][i];
            }

            if (dims.Count > 0)
            {
                int last = dims.Count - 1;
                bool mergeable = true;
                for (int o = 0; o < k && mergeable; o++)
                {
                    mergeable = strides[last][o] == s[o] * shape[i];
                }

                if (mergeable)
                {
                    dims[last] *= shape[i];
                    strides[last] = s;
                    continue;
                }
            }

            dims.Add(shape[i]);
            strides.Add(s);
        }

        if (dims.Count == 0)
        {
            var single = new int[k][];
            for (int o = 0; o < k; o++)
            {
                single[o] = [0];
            }

            return new BroadcastPlan(ShapeUtil.Product(shape), 1, new int[k], single);
        }

        int rank = dims.Count;
        int runLength = dims[rank - 1];
        var inner = strides[rank - 1];
        int runs = 1;
        for (int i = 0; i < rank - 1; i++)
        {
            runs *= dims[i];
        }

        var offsets = new int[k][];
        for (int o = 0; o < k; o++)
        {
            offsets[o] = new int[runs];
        }

        // Odometer over the outer axes.
        var index = new int[Math.Max(rank - 1, 0)];
        var current = new int[k];
        for (int r = 0; r < runs; r++)
        {
            for (int o = 0; o < k; o++)
            {
                offsets[o][r] = current[o];
            }

            for (int axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                for (int o = 0; o < k; o++)
                {
                    current[o] += strides[axis][o];
                }

                if (index[axis] < dims[axis])
                {
                    break;
                }

                for (int o = 0; o < k; o++)
                {
                    current[o] -= strides[axis][o] * dims[axis];
                }

                index[axis] = 0;
            }
        }

        return new BroadcastPlan(runLength, runs, inner, offsets);
    }
}
