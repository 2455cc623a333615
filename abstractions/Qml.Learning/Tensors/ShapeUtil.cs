namespace Qml.Learning.Tensors;

/// <summary>Shape arithmetic shared by the ops.</summary>
internal static class ShapeUtil
{
    public static int Product(ReadOnlySpan<int> shape)
    {
        int p = 1;
        foreach (int d in shape)
        {
            p *= d;
        }

        return p;
    }

    public static int CheckedProduct(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long p = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape {Format(shape)} has a negative dimension.", nameof(shape));
            }

            p *= d;
            if (p > Array.MaxLength)
            {
                throw new ArgumentException($"Shape {Format(shape)} holds more elements than an array can.", nameof(shape));
            }
        }

        return (int)p;
    }

    public static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is outside a rank-{rank} tensor.");
        }

        return a;
    }

    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>Row-major strides.</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }

        return strides;
    }

    /// <summary>NumPy broadcasting: align on the right; each pair of sizes is equal or contains a 1.</summary>
    public static int[] BroadcastShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException($"Shapes {Format(a)} and {Format(b)} do not broadcast (dimension {i}: {da} vs {db}).");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Strides of <paramref name="shape"/> seen through broadcasting to <paramref name="target"/>: 0 on stretched axes.</summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> target)
    {
        int[] own = Strides(shape);
        var strides = new int[target.Length];
        int lead = target.Length - shape.Length;
        for (int i = 0; i < shape.Length; i++)
        {
            strides[lead + i] = shape[i] == 1 && target[lead + i] != 1 ? 0 : own[i];
        }

        return strides;
    }

    /// <summary>Splits a shape around <paramref name="axis"/> into (outer, axis length, inner).</summary>
    public static (int Outer, int Length, int Inner) Split(ReadOnlySpan<int> shape, int axis)
    {
        int outer = Product(shape[..axis]);
        int inner = Product(shape[(axis + 1)..]);
        return (outer, shape[axis], inner);
    }
}
