using Qml.Learning.Autodiff;

namespace Qml.Learning.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Matrix product: [M, K]·[K, N] → [M, N]; [..., M, K]·[K, N] → [..., M, N] (leading axes
    /// folded into rows); [B, M, K]·[B, K, N] → [B, M, N] (batched).
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank >= 2 && b.Rank == 2)
        {
            return MatMulFolded(a, b);
        }

        if (a.Rank == 3 && b.Rank == 3 && a.Dims[0] == b.Dims[0])
        {
            return MatMulBatched(a, b);
        }

        throw new ArgumentException($"MatMul supports [.., M, K]·[K, N] and [B, M, K]·[B, K, N]; got {ShapeUtil.Format(a.Dims)}·{ShapeUtil.Format(b.Dims)}.");
    }

    /// <summary>
    /// x·Wᵀ + b with W stored [out, in] (PyTorch's layout, so checkpoints load in Python):
    /// [..., in] → [..., out]. One GEMM reads W transposed through strides, without a copy.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2 || x.Rank < 1 || x.Dims[^1] != weight.Dims[1])
        {
            throw new ArgumentException($"Linear needs x [..., in] and W [out, in]; got {ShapeUtil.Format(x.Dims)} and {ShapeUtil.Format(weight.Dims)}.");
        }

        int outF = weight.Dims[0], inF = weight.Dims[1];
        if (bias is not null && (bias.Rank != 1 || bias.Dims[0] != outF))
        {
            throw new ArgumentException($"Linear's bias must be [{outF}]; got {ShapeUtil.Format(bias.Dims)}.", nameof(bias));
        }

        int rows = ShapeUtil.Product(x.Dims[..^1]);

        int[] shape = x.Shape;
        shape[^1] = outF;
        Tensor r = NewTensor(shape);
        Gemm.Multiply(rows, outF, inF, x.Data, inF, 1, weight.Data, 1, inF, r.Data, outF, accumulate: false);
        if (bias is not null)
        {
            for (int i = 0; i < rows; i++)
            {
                Span<double> row = r.Data.Slice(i * outF, outF);
                System.Numerics.Tensors.TensorPrimitives.Add(row, bias.Data, row);
            }
        }

        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Graph.Record(r, inputs, g =>
        {
            var grads = new Tensor?[inputs.Length];
            if (x.RequiresGrad)
            {
                // dx = g·W.
                Tensor gx = NewTensor(x.ShapeArray);
                Gemm.Multiply(rows, inF, outF, g.Data, outF, 1, weight.Data, inF, 1, gx.Data, inF, accumulate: false);
                grads[0] = gx;
            }

            if (weight.RequiresGrad)
            {
                // dW = gᵀ·x.
                Tensor gw = NewTensor(weight.ShapeArray);
                Gemm.Multiply(outF, inF, rows, g.Data, 1, outF, x.Data, inF, 1, gw.Data, inF, accumulate: false);
                grads[1] = gw;
            }

            if (bias is not null && bias.RequiresGrad)
            {
                Tensor gb = NewTensor(bias.ShapeArray);
                for (int i = 0; i < rows; i++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(gb.Data, g.Data.Slice(i * outF, outF), gb.Data);
                }

                grads[2] = gb;
            }

            return grads;
        });
    }

    private static Tensor MatMulFolded(Tensor a, Tensor b)
    {
        int k = a.Dims[^1], n = b.Dims[1];
        if (b.Dims[0] != k)
        {
            throw new ArgumentException($"MatMul inner dimensions differ: {ShapeUtil.Format(a.Dims)}·{ShapeUtil.Format(b.Dims)}.");
        }

        int m = ShapeUtil.Product(a.Dims[..^1]);
        int[] shape = a.Shape;
        shape[^1] = n;
        Tensor r = NewTensor(shape);
        Gemm.Multiply(m, n, k, a.Data, k, 1, b.Data, n, 1, r.Data, n, accumulate: false);
        return Graph.Record(r, [a, b], g =>
        {
            Tensor? ga = null, gb = null;
            if (a.RequiresGrad)
            {
                // dA = g·Bᵀ.
                ga = NewTensor(a.ShapeArray);
                Gemm.Multiply(m, k, n, g.Data, n, 1, b.Data, 1, n, ga.Data, k, accumulate: false);
            }

            if (b.RequiresGrad)
            {
                // dB = Aᵀ·g.
                gb = NewTensor(b.ShapeArray);
                Gemm.Multiply(k, n, m, a.Data, 1, k, g.Data, n, 1, gb.Data, n, accumulate: false);
            }

            return [ga, gb];
        });
    }

    private static Tensor MatMulBatched(Tensor a, Tensor b)
    {
        int batch = a.Dims[0], m = a.Dims[1], k = a.Dims[2], n = b.Dims[2];
        if (b.Dims[1] != k)
        {
            throw new ArgumentException($"MatMul inner dimensions differ: {ShapeUtil.Format(a.Dims)}·{ShapeUtil.Format(b.Dims)}.");
        }

        Tensor r = NewTensor([batch, m, n]);
        for (int i = 0; i < batch; i++)
        {
            Gemm.Multiply(m, n, k, a.Data.Slice(i * m * k, m * k), k, 1, b.Data.Slice(i * k * n, k * n), n, 1, r.Data.Slice(i * m * n, m * n), n, accumulate: false);
        }

        return Graph.Record(r, [a, b], g =>
        {
            Tensor? ga = a.RequiresGrad ? NewTensor(a.ShapeArray) : null;
            Tensor? gb = b.RequiresGrad ? NewTensor(b.ShapeArray) : null;
            for (int i = 0; i < batch; i++)
            {
                ReadOnlySpan<double> gi = g.Data.Slice(i * m * n, m * n);
                if (ga is not null)
                {
                    Gemm.Multiply(m, k, n, gi, n, 1, b.Data.Slice(i * k * n, k * n), 1, n, ga.Data.Slice(i * m * k, m * k), k, accumulate: false);
                }

                if (gb is not null)
                {
                    Gemm.Multiply(k, n, m, a.Data.Slice(i * m * k, m * k), 1, k, gi, n, 1, gb.Data.Slice(i * k * n, k * n), n, accumulate: false);
                }
            }

            return [ga, gb];
        });
    }
}
