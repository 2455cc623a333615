using System.Globalization;
using System.Text;
using Qml.Learning.Autodiff;

namespace Qml.Learning.Tensors;

/// <summary>
/// A dense, row-major, contiguous tensor of doubles that records the operations producing it
/// (define-by-run), so <see cref="Backward()"/> can run reverse-mode differentiation.
/// </summary>
/// <remarks>
/// Views (<see cref="Ops.Reshape"/>, <see cref="Detach"/>) share storage with their source, as in
/// PyTorch. Gradients are first order: backward functions compute with plain tensors and record
/// nothing, so a gradient is never itself differentiable.
/// </remarks>
public sealed class Tensor
{
    private readonly double[] _data;
    private readonly int[] _shape;
    private bool _requiresGrad;

    internal Tensor(double[] data, int[] shape)
    {
        _data = data;
        _shape = shape;
        Length = ShapeUtil.Product(shape);
    }

    /// <summary>A copy of the dimensions (rank 0 for a scalar).</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The dimensions without a copy.</summary>
    public ReadOnlySpan<int> Dims => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements, row-major. Writing into a tensor the graph still needs changes its gradients.</summary>
    public Span<double> Data => _data.AsSpan(0, Length);

    internal double[] Storage => _data;

    internal int[] ShapeArray => _shape;

    /// <summary>Whether gradients flow to (leaf) or through (op result) this tensor.</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (Node is not null && !value)
            {
                throw new InvalidOperationException("An op result cannot stop requiring gradients; use Detach().");
            }

            _requiresGrad = value;
        }
    }

    /// <summary>A leaf's accumulated gradient dL/dthis, shaped like this tensor; null until a backward pass reaches it.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>True for tensors that are not the recorded result of an op.</summary>
    public bool IsLeaf => Node is null;

    internal GraphNode? Node { get; private set; }

    /// <summary>The size of dimension <paramref name="axis"/> (negative counts from the end).</summary>
    public int Dim(int axis) => _shape[ShapeUtil.NormalizeAxis(axis, _shape.Length)];

    // ---- factories ----------------------------------------------------------------------

    /// <summary>A new zero tensor of <paramref name="shape"/> (no dimensions: a scalar); not tracking gradients.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the element count overflows an array.</exception>
    public static Tensor Zeros(params int[] shape) => new(new double[ShapeUtil.CheckedProduct(shape)], (int[])shape.Clone());

    /// <summary>A new tensor of <paramref name="shape"/> filled with 1.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the element count overflows an array.</exception>
    public static Tensor Ones(params int[] shape) => Full(1.0, shape);

    /// <summary>A new tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the element count overflows an array.</exception>
    public static Tensor Full(double value, params int[] shape)
    {
        var t = Zeros(shape);
        t.Data.Fill(value);
        return t;
    }

    /// <summary>A new rank-0 tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value) => new([value], []);

    /// <summary>Copies <paramref name="data"/> (row-major) into a new tensor of <paramref name="shape"/>.</summary>
    public static Tensor FromArray(int[] shape, ReadOnlySpan<double> data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int length = ShapeUtil.CheckedProduct(shape);
        if (data.Length != length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {length} values; got {data.Length}.", nameof(data));
        }

        return new Tensor(data.ToArray(), (int[])shape.Clone());
    }

    /// <summary>A 1-D tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromVector(params double[] values) => FromArray([values.Length], values);

    /// <summary>A 2-D tensor copied from a rectangular array.</summary>
    public static Tensor FromMatrix(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var t = Zeros(rows, cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t._data[(i * cols) + j] = values[i, j];
            }
        }

        return t;
    }

    /// <summary>
    /// Wraps <paramref name="data"/> without copying (for example a backend's result buffer);
    /// the caller hands over the array and must not write to it afterwards.
    /// </summary>
    public static Tensor Wrap(double[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        int length = ShapeUtil.CheckedProduct(shape);
        if (data.Length != length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {length} values; got {data.Length}.", nameof(data));
        }

        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>Samples N(<paramref name="mean"/>, <paramref name="std"/>²) with Box–Muller from <paramref name="random"/>.</summary>
    public static Tensor RandomNormal(Random random, int[] shape, double mean = 0.0, double std = 1.0)
    {
        ArgumentNullException.ThrowIfNull(random);
        var t = Zeros(shape);
        Span<double> d = t.Data;
        for (int i = 0; i < d.Length; i += 2)
        {
            // 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
            double r = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            double theta = 2.0 * Math.PI * random.NextDouble();
            d[i] = mean + (std * r * Math.Cos(theta));
            if (i + 1 < d.Length)
            {
                d[i + 1] = mean + (std * r * Math.Sin(theta));
            }
        }

        return t;
    }

    /// <summary>Samples U[<paramref name="low"/>, <paramref name="high"/>) from <paramref name="random"/>.</summary>
    public static Tensor RandomUniform(Random random, int[] shape, double low = 0.0, double high = 1.0)
    {
        ArgumentNullException.ThrowIfNull(random);
        var t = Zeros(shape);
        Span<double> d = t.Data;
        double width = high - low;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = low + (width * random.NextDouble());
        }

        return t;
    }

    // ---- autodiff -----------------------------------------------------------------------

    /// <summary>
    /// Records <paramref name="output"/> as the result of a custom op over <paramref name="inputs"/>:
    /// the returned tensor shares <paramref name="output"/>'s storage and, in backward,
    /// <paramref name="backward"/> receives dL/doutput and returns dL/dinput per input (null where
    /// an input needs none; each non-null entry shaped like its input). This is how an op computed
    /// outside the tape, such as a quantum backend call with its own vector-Jacobian product,
    /// joins the graph.
    /// </summary>
    public static Tensor FromCustomOp(Tensor[] inputs, Tensor output, Func<Tensor, Tensor?[]> backward)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(backward);
        var result = new Tensor(output._data, output._shape);
        return Graph.Record(result, inputs, grad =>
        {
            Tensor?[] grads = backward(grad);
            if (grads.Length != inputs.Length)
            {
                throw new InvalidOperationException($"A custom op's backward returned {grads.Length} gradients for {inputs.Length} inputs.");
            }

            for (int i = 0; i < grads.Length; i++)
            {
                if (grads[i] is { } g && !g.Dims.SequenceEqual(inputs[i].Dims))
                {
                    throw new InvalidOperationException(
                        $"A custom op's gradient {i} has shape {ShapeUtil.Format(g.Dims)}; its input has {ShapeUtil.Format(inputs[i].Dims)}.");
                }
            }

            return grads;
        });
    }

    internal void AttachNode(GraphNode node)
    {
        Node = node;
        _requiresGrad = true;
    }

    /// <summary>
    /// Back-propagates from this scalar (seeded with 1), accumulating dL/dleaf into
    /// <see cref="Grad"/> of every reachable leaf that requires gradients.
    /// </summary>
    public void Backward()
    {
        if (Length != 1)
        {
            throw new InvalidOperationException($"Backward() needs a scalar (one element); this tensor has shape {ShapeUtil.Format(_shape)}. Reduce it first (Sum, Mean) or pass a seed.");
        }

        Backward(Full(1.0, _shape));
    }

    /// <summary>Back-propagates from this tensor with the upstream gradient <paramref name="seed"/> (shaped like this).</summary>
    public void Backward(Tensor seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (!seed.Dims.SequenceEqual(Dims))
        {
            throw new ArgumentException($"The seed has shape {ShapeUtil.Format(seed.Dims)}; this tensor has {ShapeUtil.Format(_shape)}.", nameof(seed));
        }

        if (!RequiresGrad)
        {
            throw new InvalidOperationException("This tensor does not require gradients: no input of the computation had RequiresGrad set, or it ran inside a NoGradScope.");
        }

        Graph.Backward(this, seed);
    }

    /// <summary>A tensor sharing this storage, cut from the graph.</summary>
    public Tensor Detach() => new(_data, _shape);

    /// <summary>A deep copy of the values, cut from the graph.</summary>
    public Tensor Clone() => new(Data.ToArray(), (int[])_shape.Clone());

    /// <summary>Clears <see cref="Grad"/>.</summary>
    public void ZeroGrad() => Grad = null;

    // ---- element access -----------------------------------------------------------------

    // The indexer is renamed so that Item() can keep PyTorch's name for reading a scalar.
    /// <summary>Reads or writes one element by its full index (one per dimension); writes bypass autodiff.
    /// Named <c>At</c> for other .NET languages.</summary>
    /// <exception cref="ArgumentException">The index count differs from the rank.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is outside its dimension (negative indices are not supported).</exception>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public double this[params int[] index]
    {
        get => _data[FlatIndex(index)];
        set => _data[FlatIndex(index)] = value;
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public double Item()
    {
        if (Length != 1)
        {
            throw new InvalidOperationException($"Item() needs one element; this tensor has shape {ShapeUtil.Format(_shape)}.");
        }

        return _data[0];
    }

    /// <summary>A row-major copy of the elements.</summary>
    public double[] ToArray() => Data.ToArray();

    private int FlatIndex(int[] index)
    {
        if (index.Length != _shape.Length)
        {
            throw new ArgumentException($"A rank-{_shape.Length} tensor needs {_shape.Length} indices; got {index.Length}.", nameof(index));
        }

        int flat = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)_shape[i])
            {
                throw new IndexOutOfRangeException($"Index {index[i]} is outside dimension {i} of size {_shape[i]}.");
            }

            flat = (flat * _shape[i]) + index[i];
        }

        return flat;
    }

    /// <summary>The shape, the autodiff state and up to the first 64 values (G6), for debugging.</summary>
    public override string ToString()
    {
        const int MaxShown = 64;
        var sb = new StringBuilder();
        sb.Append("Tensor").Append(ShapeUtil.Format(_shape));
        if (RequiresGrad)
        {
            sb.Append(Node is null ? " requires_grad" : " grad_fn");
        }

        sb.Append(" [");
        int shown = Math.Min(Length, MaxShown);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(_data[i].ToString("G6", CultureInfo.InvariantCulture));
        }

        if (Length > shown)
        {
            sb.Append(", … (").Append(Length - shown).Append(" more)");
        }

        return sb.Append(']').ToString();
    }

    // ---- operators ----------------------------------------------------------------------

    /// <summary>a + b with NumPy broadcasting; see <see cref="Ops.Add"/>.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);

    /// <summary>a − b with NumPy broadcasting; see <see cref="Ops.Sub"/>.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Sub(a, b);

    /// <summary>Elementwise a · b with NumPy broadcasting (not a matrix product); see <see cref="Ops.Mul"/>.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Mul(a, b);

    /// <summary>Elementwise a / b with NumPy broadcasting; see <see cref="Ops.Div"/>.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Div(a, b);

    /// <summary>Elementwise −a.</summary>
    public static Tensor operator -(Tensor a) => Ops.Neg(a);

    /// <summary>Adds <paramref name="s"/> to every element.</summary>
    public static Tensor operator +(Tensor a, double s) => Ops.AddScalar(a, s);

    /// <summary>Adds <paramref name="s"/> to every element.</summary>
    public static Tensor operator +(double s, Tensor a) => Ops.AddScalar(a, s);

    /// <summary>Subtracts <paramref name="s"/> from every element.</summary>
    public static Tensor operator -(Tensor a, double s) => Ops.AddScalar(a, -s);

    /// <summary>Elementwise <paramref name="s"/> − a.</summary>
    public static Tensor operator -(double s, Tensor a) => Ops.AddScalar(Ops.Neg(a), s);

    /// <summary>Multiplies every element by <paramref name="s"/>.</summary>
    public static Tensor operator *(Tensor a, double s) => Ops.MulScalar(a, s);

    /// <summary>Multiplies every element by <paramref name="s"/>.</summary>
    public static Tensor operator *(double s, Tensor a) => Ops.MulScalar(a, s);

    /// <summary>Divides every element by <paramref name="s"/>.</summary>
    public static Tensor operator /(Tensor a, double s) => Ops.MulScalar(a, 1.0 / s);

    /// <summary>Elementwise <paramref name="s"/> / a.</summary>
    public static Tensor operator /(double s, Tensor a) => Ops.MulScalar(Ops.Reciprocal(a), s);
}
