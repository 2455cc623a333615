using System.Numerics.Tensors;
using Qml.Learning.Autodiff;

namespace Qml.Learning.Tensors;

public static partial class Ops
{
    /// <summary>exp(x − max) / Σ exp(x − max) along <paramref name="axis"/>: finite for any finite logits.</summary>
    public static Tensor Softmax(Tensor x, int axis = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        int a = ShapeUtil.NormalizeAxis(axis, x.Rank);
        Tensor r = LaneWise(x, a, static (src, dst) =>
        {
            double max = TensorPrimitives.Max(src);
            TensorPrimitives.Subtract(src, max, dst);
            TensorPrimitives.Exp(dst, dst);
            TensorPrimitives.Divide(dst, TensorPrimitives.Sum(dst), dst);
        });

        return Graph.Record(r, [x], g =>
        {
            // dx = y ⊙ (g − Σ g⊙y) along the axis.
            Tensor gy = Broadcast<MulKernel>(g, r);
            Tensor dot = Sum(gy, [a], keepDim: true);
            Tensor centred = Broadcast<SubKernel>(g, dot);
            return [Broadcast<MulKernel>(centred, r)];
        });
    }

    /// <summary>x − max − log Σ exp(x − max) along <paramref name="axis"/>.</summary>
    public static Tensor LogSoftmax(Tensor x, int axis = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        int a = ShapeUtil.NormalizeAxis(axis, x.Rank);
        Tensor r = LaneWise(x, a, static (src, dst) => LogSoftmaxLane(src, dst));
        return Graph.Record(r, [x], g =>
        {
            // dx = g − softmax ⊙ Σ g along the axis.
            Tensor softmax = Map(r, static (s, d) => TensorPrimitives.Exp(s, d));
            Tensor total = Sum(g, [a], keepDim: true);
            return [Broadcast<SubKernel>(g, Broadcast<MulKernel>(softmax, total))];
        });
    }

    internal static void LogSoftmaxLane(ReadOnlySpan<double> src, Span<double> dst)
    {
        double max = TensorPrimitives.Max(src);
        TensorPrimitives.Subtract(src, max, dst);
        TensorPrimitives.Exp(dst, dst);
        double logSum = Math.Log(TensorPrimitives.Sum(dst));

        // (x − max) − logSum, not x − (max + logSum): near ±1e308 the sum would round logSum away.
        TensorPrimitives.Subtract(src, max, dst);
        TensorPrimitives.Subtract(dst, logSum, dst);
    }

    /// <summary>Applies <paramref name="kernel"/> to every lane along <paramref name="axis"/>, gathering strided lanes into a buffer.</summary>
    private static Tensor LaneWise(Tensor x, int axis, LaneAction kernel)
    {
        Tensor r = NewTensor(x.ShapeArray);
        (int outer, int len, int inner) = ShapeUtil.Split(x.Dims, axis);
        if (len == 0)
        {
            return r;
        }

        ReadOnlySpan<double> src = x.Data;
        Span<double> dst = r.Data;
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                kernel(src.Slice(o * len, len), dst.Slice(o * len, len));
            }

            return r;
        }

        var laneIn = new double[len];
        var laneOut = new double[len];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int start = (o * len * inner) + i;
                for (int l = 0; l < len; l++)
                {
                    laneIn[l] = src[start + (l * inner)];
                }

                kernel(laneIn, laneOut);
                for (int l = 0; l < len; l++)
                {
                    dst[start + (l * inner)] = laneOut[l];
                }
            }
        }

        return r;
    }

    private delegate void LaneAction(ReadOnlySpan<double> source, Span<double> destination);
}
