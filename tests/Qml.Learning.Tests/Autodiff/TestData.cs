using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Autodiff;

/// <summary>Seeded random inputs for the gradient checks.</summary>
internal static class TestData
{
    public static Tensor Normal(int seed, params int[] shape) => Tensor.RandomNormal(new Random(seed), shape);

    public static Tensor Uniform(int seed, double low, double high, params int[] shape) => Tensor.RandomUniform(new Random(seed), shape, low, high);

    /// <summary>Values with |x| ≥ <paramref name="gap"/>, so kinks (relu, abs) stay farther than a finite-difference step.</summary>
    public static Tensor AwayFromZero(int seed, double gap, params int[] shape)
    {
        Tensor t = Normal(seed, shape);
        Span<double> d = t.Data;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = d[i] >= 0 ? d[i] + gap : d[i] - gap;
        }

        return t;
    }

    /// <summary>A random shape of <paramref name="rank"/> with sizes in [1, <paramref name="maxSize"/>].</summary>
    public static int[] Shape(Random random, int rank, int maxSize = 5)
    {
        var shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            shape[i] = random.Next(1, maxSize + 1);
        }

        return shape;
    }
}
