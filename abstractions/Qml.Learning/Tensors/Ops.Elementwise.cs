using System.Numerics.Tensors;
using Qml.Learning.Autodiff;

namespace Qml.Learning.Tensors;

public static partial class Ops
{
    /// <summary>Elementwise −x.</summary>
    public static Tensor Neg(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Negate(s, d));
        return Graph.Record(r, [x], g => [NegValues(g)]);
    }

    /// <summary>Elementwise x + <paramref name="s"/>.</summary>
    public static Tensor AddScalar(Tensor x, double s)
    {
        Tensor r = NewTensor(x.ShapeArray);
        TensorPrimitives.Add(x.Data, s, r.Data);
        return Graph.Record(r, [x], g => [g]);
    }

    /// <summary>Elementwise x · <paramref name="s"/>.</summary>
    public static Tensor MulScalar(Tensor x, double s)
    {
        Tensor r = NewTensor(x.ShapeArray);
        TensorPrimitives.Multiply(x.Data, s, r.Data);
        return Graph.Record(r, [x], g =>
        {
            Tensor gx = NewTensor(x.ShapeArray);
            TensorPrimitives.Multiply(g.Data, s, gx.Data);
            return [gx];
        });
    }

    /// <summary>1 / x.</summary>
    public static Tensor Reciprocal(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Reciprocal(s, d));

        // d(1/x)/dx = −1/x² = −r².
        return Graph.Record(r, [x], g => [Zip(g, r, static (gv, rv) => -gv * rv * rv)]);
    }

    /// <summary>Elementwise e^x.</summary>
    public static Tensor Exp(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Exp(s, d));
        return Graph.Record(r, [x], g => [Broadcast<MulKernel>(g, r)]);
    }

    /// <summary>Elementwise natural logarithm (NaN for x &lt; 0, −∞ at 0; not checked).</summary>
    public static Tensor Log(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Log(s, d));
        return Graph.Record(r, [x], g => [Broadcast<DivKernel>(g, x)]);
    }

    /// <summary>Elementwise sin x (radians).</summary>
    public static Tensor Sin(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Sin(s, d));
        return Graph.Record(r, [x], g =>
        {
            Tensor cos = Map(x, static (s, d) => TensorPrimitives.Cos(s, d));
            TensorPrimitives.Multiply(cos.Data, g.Data, cos.Data);
            return [cos];
        });
    }

    /// <summary>Elementwise cos x (radians).</summary>
    public static Tensor Cos(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Cos(s, d));
        return Graph.Record(r, [x], g =>
        {
            Tensor sin = Map(x, static (s, d) => TensorPrimitives.Sin(s, d));
            TensorPrimitives.Multiply(sin.Data, g.Data, sin.Data);
            TensorPrimitives.Negate(sin.Data, sin.Data);
            return [sin];
        });
    }

    /// <summary>Elementwise tanh x.</summary>
    public static Tensor Tanh(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Tanh(s, d));
        return Graph.Record(r, [x], g => [Zip(g, r, static (gv, rv) => gv * (1.0 - (rv * rv)))]);
    }

    /// <summary>Elementwise logistic σ(x) = 1 / (1 + e^−x).</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Sigmoid(s, d));
        return Graph.Record(r, [x], g => [Zip(g, r, static (gv, rv) => gv * rv * (1.0 - rv))]);
    }

    /// <summary>Elementwise max(x, 0); its gradient at 0 is taken as 0.</summary>
    public static Tensor Relu(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Max(s, 0.0, d));
        return Graph.Record(r, [x], g => [Zip(g, x, static (gv, xv) => xv > 0 ? gv : 0.0)]);
    }

    /// <summary>x·σ(x) (swish).</summary>
    public static Tensor Silu(Tensor x)
    {
        Tensor sigma = Map(x, static (s, d) => TensorPrimitives.Sigmoid(s, d));
        Tensor r = NewTensor(x.ShapeArray);
        TensorPrimitives.Multiply(x.Data, sigma.Data, r.Data);
        return Graph.Record(r, [x], g =>
        {
            // d/dx x·σ = σ·(1 + x·(1 − σ)).
            Tensor gx = NewTensor(x.ShapeArray);
            ReadOnlySpan<double> gs = g.Data, xs = x.Data, ss = sigma.Data;
            Span<double> d = gx.Data;
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = gs[i] * ss[i] * (1.0 + (xs[i] * (1.0 - ss[i])));
            }

            return [gx];
        });
    }

    /// <summary>x^p for a constant exponent (x ≥ 0 unless p is an integer).</summary>
    public static Tensor Pow(Tensor x, double p)
    {
        Tensor r = NewTensor(x.ShapeArray);
        TensorPrimitives.Pow(x.Data, p, r.Data);
        return Graph.Record(r, [x], g =>
        {
            Tensor gx = NewTensor(x.ShapeArray);
            TensorPrimitives.Pow(x.Data, p - 1.0, gx.Data);
            TensorPrimitives.Multiply(gx.Data, g.Data, gx.Data);
            TensorPrimitives.Multiply(gx.Data, p, gx.Data);
            return [gx];
        });
    }

    /// <summary>Elementwise x².</summary>
    public static Tensor Square(Tensor x)
    {
        Tensor r = NewTensor(x.ShapeArray);
        TensorPrimitives.Multiply(x.Data, x.Data, r.Data);
        return Graph.Record(r, [x], g => [Zip(g, x, static (gv, xv) => 2.0 * gv * xv)]);
    }

    /// <summary>Elementwise √x (NaN for x &lt; 0; the gradient is infinite at 0).</summary>
    public static Tensor Sqrt(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Sqrt(s, d));
        return Graph.Record(r, [x], g => [Zip(g, r, static (gv, rv) => gv / (2.0 * rv))]);
    }

    /// <summary>|x|; its gradient at 0 is taken as 0.</summary>
    public static Tensor Abs(Tensor x)
    {
        Tensor r = Map(x, static (s, d) => TensorPrimitives.Abs(s, d));
        return Graph.Record(r, [x], g => [Zip(g, x, static (gv, xv) => xv > 0 ? gv : xv < 0 ? -gv : 0.0)]);
    }

    /// <summary>Limits x to [min, max]; the gradient passes where min ≤ x ≤ max, as in PyTorch.</summary>
    public static Tensor Clamp(Tensor x, double min, double max)
    {
        if (min > max)
        {
            throw new ArgumentException($"Clamp needs min ≤ max; got {min} > {max}.", nameof(min));
        }

        Tensor r = NewTensor(x.ShapeArray);
        TensorPrimitives.Max(x.Data, min, r.Data);
        TensorPrimitives.Min(r.Data, max, r.Data);
        return Graph.Record(r, [x], g =>
        {
            Tensor gx = NewTensor(x.ShapeArray);
            ReadOnlySpan<double> gs = g.Data, xs = x.Data;
            Span<double> d = gx.Data;
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = xs[i] >= min && xs[i] <= max ? gs[i] : 0.0;
            }

            return [gx];
        });
    }

    private static Tensor Map(Tensor x, SpanAction kernel)
    {
        ArgumentNullException.ThrowIfNull(x);
        Tensor r = NewTensor(x.ShapeArray);
        kernel(x.Data, r.Data);
        return r;
    }

    /// <summary>Elementwise f(a, b) over two same-shaped tensors; for backward rules TensorPrimitives has no single call for.</summary>
    private static Tensor Zip(Tensor a, Tensor b, Func<double, double, double> f)
    {
        Tensor r = NewTensor(a.ShapeArray);
        ReadOnlySpan<double> x = a.Data, y = b.Data;
        Span<double> d = r.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = f(x[i], y[i]);
        }

        return r;
    }

    private delegate void SpanAction(ReadOnlySpan<double> source, Span<double> destination);
}
