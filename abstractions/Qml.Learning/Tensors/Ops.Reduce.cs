using System.Numerics.Tensors;
using Qml.Learning.Autodiff;

namespace Qml.Learning.Tensors;

public static partial class Ops
{
    /// <summary>The sum of all elements, as a scalar.</summary>
    public static Tensor Sum(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Tensor r = Tensor.Scalar(TensorPrimitives.Sum(x.Data));
        return Graph.Record(r, [x], g => [Tensor.Full(g.Data[0], x.ShapeArray)]);
    }

    /// <summary>The mean of all elements, as a scalar.</summary>
    public static Tensor Mean(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length == 0)
        {
            throw new ArgumentException("The mean of an empty tensor is undefined.", nameof(x));
        }

        return MulScalar(Sum(x), 1.0 / x.Length);
    }

    /// <summary>Sums over <paramref name="axes"/> (negative counts from the end), keeping them as size 1 if <paramref name="keepDim"/>.</summary>
    public static Tensor Sum(Tensor x, int[] axes, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(axes);
        bool[] reduce = new bool[x.Rank];
        foreach (int axis in axes)
        {
            int a = ShapeUtil.NormalizeAxis(axis, x.Rank);
            if (reduce[a])
            {
                throw new ArgumentException($"Axis {axis} is listed twice.", nameof(axes));
            }

            reduce[a] = true;
        }

        int[] kept = x.Shape;
        var dropped = new List<int>(x.Rank);
        for (int i = 0; i < x.Rank; i++)
        {
            if (reduce[i])
            {
                kept[i] = 1;
            }
            else
            {
                dropped.Add(x.Dims[i]);
            }
        }

        // Reducing to the keep-dim shape is exactly the gradient rule of broadcasting, run forwards.
        Tensor summed = ReduceTo(x, kept);
        if (ReferenceEquals(summed, x))
        {
            summed = x.Clone();
        }

        Tensor r = keepDim ? summed : new Tensor(summed.Storage, dropped.ToArray());
        return Graph.Record(r, [x], g => [Expand(new Tensor(g.Storage, kept), x.ShapeArray)]);
    }

    /// <summary>Sums over one axis.</summary>
    public static Tensor Sum(Tensor x, int axis, bool keepDim = false) => Sum(x, [axis], keepDim);

    /// <summary>Averages over <paramref name="axes"/>.</summary>
    public static Tensor Mean(Tensor x, int[] axes, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(axes);
        long count = 1;
        foreach (int axis in axes)
        {
            count *= x.Dim(axis);
        }

        return MulScalar(Sum(x, axes, keepDim), 1.0 / count);
    }

    /// <summary>Averages over one axis.</summary>
    public static Tensor Mean(Tensor x, int axis, bool keepDim = false) => Mean(x, [axis], keepDim);

    /// <summary>Per row of a [N, C] tensor, the column of the largest value (not differentiable).</summary>
    public static int[] ArgMax(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
        {
            throw new ArgumentException($"ArgMax needs [N, C]; got {ShapeUtil.Format(x.Dims)}.", nameof(x));
        }

        int n = x.Dim(0), c = x.Dim(1);
        var result = new int[n];
        ReadOnlySpan<double> d = x.Data;
        for (int i = 0; i < n; i++)
        {
            result[i] = TensorPrimitives.IndexOfMax(d.Slice(i * c, c));
        }

        return result;
    }
}
