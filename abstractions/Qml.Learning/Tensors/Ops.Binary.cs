using System.Numerics.Tensors;
using Qml.Learning.Autodiff;

namespace Qml.Learning.Tensors;

/// <summary>
/// Differentiable tensor operations. Each op computes its result with span kernels and, when an
/// input requires gradients (outside a <see cref="NoGradScope"/>), records how to send dL/dresult
/// back to its inputs.
/// </summary>
public static partial class Ops
{
    /// <summary>a + b with NumPy broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        Tensor r = Broadcast<AddKernel>(a, b);
        return Graph.Record(r, [a, b], g => [a.RequiresGrad ? ReduceTo(g, a.Dims) : null, b.RequiresGrad ? ReduceTo(g, b.Dims) : null]);
    }

    /// <summary>a − b with NumPy broadcasting.</summary>
    public static Tensor Sub(Tensor a, Tensor b)
    {
        Tensor r = Broadcast<SubKernel>(a, b);
        return Graph.Record(r, [a, b], g => [a.RequiresGrad ? ReduceTo(g, a.Dims) : null, b.RequiresGrad ? ReduceTo(NegValues(g), b.Dims) : null]);
    }

    /// <summary>a ⊙ b with NumPy broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b)
    {
        Tensor r = Broadcast<MulKernel>(a, b);
        return Graph.Record(r, [a, b], g => [
            a.RequiresGrad ? ReduceTo(Broadcast<MulKernel>(g, b), a.Dims) : null,
            b.RequiresGrad ? ReduceTo(Broadcast<MulKernel>(g, a), b.Dims) : null]);
    }

    /// <summary>a ⊘ b with NumPy broadcasting.</summary>
    public static Tensor Div(Tensor a, Tensor b)
    {
        Tensor r = Broadcast<DivKernel>(a, b);
        return Graph.Record(r, [a, b], g =>
        {
            Tensor? ga = null, gb = null;
            Tensor gOverB = Broadcast<DivKernel>(g, b);
            if (a.RequiresGrad)
            {
                ga = ReduceTo(gOverB, a.Dims);
            }

            if (b.RequiresGrad)
            {
                // d(a/b)/db = −(a/b)/b, so dL/db = −(g/b)·r.
                Tensor t = Broadcast<MulKernel>(gOverB, r);
                gb = ReduceTo(NegValues(t), b.Dims);
            }

            return [ga, gb];
        });
    }

    /// <summary>Broadcasts <paramref name="x"/> to <paramref name="shape"/> (a copy).</summary>
    public static Tensor BroadcastTo(Tensor x, params int[] shape)
    {
        int[] target = ShapeUtil.BroadcastShape(x.Dims, shape);
        if (!target.AsSpan().SequenceEqual(shape))
        {
            throw new ArgumentException($"Shape {ShapeUtil.Format(x.Dims)} cannot broadcast to {ShapeUtil.Format(shape)}.", nameof(shape));
        }

        Tensor r = Expand(x, target);
        return Graph.Record(r, [x], g => [ReduceTo(g, x.Dims)]);
    }

    internal static Tensor NewTensor(int[] shape) => new(new double[ShapeUtil.Product(shape)], shape);

    private static Tensor NegValues(Tensor g)
    {
        Tensor r = NewTensor(g.ShapeArray);
        TensorPrimitives.Negate(g.Data, r.Data);
        return r;
    }

    private static Tensor Broadcast<TKernel>(Tensor a, Tensor b)
        where TKernel : IBinaryKernel
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Dims.SequenceEqual(b.Dims))
        {
            Tensor same = NewTensor(a.ShapeArray);
            TKernel.Apply(a.Data, b.Data, same.Data);
            return same;
        }

        if (b.Length == 1 && b.Rank <= a.Rank)
        {
            Tensor right = NewTensor(a.ShapeArray);
            TKernel.ApplyRightScalar(a.Data, b.Data[0], right.Data);
            return right;
        }

        if (a.Length == 1 && a.Rank <= b.Rank)
        {
            Tensor left = NewTensor(b.ShapeArray);
            TKernel.ApplyLeftScalar(a.Data[0], b.Data, left.Data);
            return left;
        }

        int[] shape = ShapeUtil.BroadcastShape(a.Dims, b.Dims);
        Tensor r = NewTensor(shape);
        BroadcastPlan plan = BroadcastPlan.Create(shape, ShapeUtil.BroadcastStrides(a.Dims, shape), ShapeUtil.BroadcastStrides(b.Dims, shape));
        ReadOnlySpan<double> ad = a.Data, bd = b.Data;
        Span<double> rd = r.Data;
        int len = plan.RunLength;
        bool aRuns = plan.InnerStrides[0] != 0, bRuns = plan.InnerStrides[1] != 0;
        int[] offA = plan.Offsets[0], offB = plan.Offsets[1];
        for (int run = 0; run < plan.Runs; run++)
        {
            Span<double> dst = rd.Slice(run * len, len);
            if (aRuns && bRuns)
            {
                TKernel.Apply(ad.Slice(offA[run], len), bd.Slice(offB[run], len), dst);
            }
            else if (aRuns)
            {
                TKernel.ApplyRightScalar(ad.Slice(offA[run], len), bd[offB[run]], dst);
            }
            else if (bRuns)
            {
                TKernel.ApplyLeftScalar(ad[offA[run]], bd.Slice(offB[run], len), dst);
            }
            else if (len > 0)
            {
                // Both operands constant along the run (only when every axis has size 1).
                TKernel.ApplyRightScalar(ad.Slice(offA[run], 1), bd[offB[run]], dst[..1]);
                dst.Fill(dst[0]);
            }
        }

        return r;
    }

    /// <summary>Sums <paramref name="g"/> over the axes along which a tensor of <paramref name="shape"/> was broadcast.</summary>
    internal static Tensor ReduceTo(Tensor g, ReadOnlySpan<int> shape)
    {
        if (g.Dims.SequenceEqual(shape))
        {
            return g;
        }

        Tensor r = NewTensor(shape.ToArray());
        BroadcastPlan plan = BroadcastPlan.Create(g.Dims, ShapeUtil.Strides(g.Dims), ShapeUtil.BroadcastStrides(shape, g.Dims));
        ReadOnlySpan<double> gd = g.Data;
        Span<double> rd = r.Data;
        int len = plan.RunLength;
        bool runs = plan.InnerStrides[1] != 0;
        int[] offG = plan.Offsets[0], offR = plan.Offsets[1];
        for (int run = 0; run < plan.Runs; run++)
        {
            ReadOnlySpan<double> src = gd.Slice(offG[run], len);
            if (runs)
            {
                Span<double> dst = rd.Slice(offR[run], len);
                TensorPrimitives.Add(dst, src, dst);
            }
            else
            {
                rd[offR[run]] += TensorPrimitives.Sum(src);
            }
        }

        return r;
    }

    /// <summary>Copies <paramref name="x"/> broadcast to <paramref name="shape"/>.</summary>
    internal static Tensor Expand(Tensor x, int[] shape)
    {
        Tensor r = NewTensor(shape);
        BroadcastPlan plan = BroadcastPlan.Create(shape, ShapeUtil.Strides(shape), ShapeUtil.BroadcastStrides(x.Dims, shape));
        ReadOnlySpan<double> xd = x.Data;
        Span<double> rd = r.Data;
        int len = plan.RunLength;
        bool runs = plan.InnerStrides[1] != 0;
        int[] offR = plan.Offsets[0], offX = plan.Offsets[1];
        for (int run = 0; run < plan.Runs; run++)
        {
            Span<double> dst = rd.Slice(offR[run], len);
            if (runs)
            {
                xd.Slice(offX[run], len).CopyTo(dst);
            }
            else
            {
                dst.Fill(xd[offX[run]]);
            }
        }

        return r;
    }
}
