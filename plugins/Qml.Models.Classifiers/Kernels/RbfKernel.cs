namespace Qml.Models.Classifiers.Kernels;

/// <summary>The Gaussian (RBF) kernel K(x, x′) = exp(−γ‖x − x′‖²), the classical baseline for the quantum kernel.</summary>
public sealed class RbfKernel : IKernel
{
    public RbfKernel(int features, double gamma)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (!(gamma > 0) || double.IsInfinity(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be positive and finite.");
        }

        Features = features;
        Gamma = gamma;
    }

    public int Features { get; }

    public double Gamma { get; }

    /// <summary>scikit-learn's gamma="scale": 1 / (features · variance of all feature values of <paramref name="x"/>); 1 when the variance is 0.</summary>
    public static double ScaleGamma(double[] x, int features)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length == 0)
        {
            return 1.0;
        }

        var mean = x.Average();
        var variance = x.Sum(v => (v - mean) * (v - mean)) / x.Length;
        return variance > 1e-300 ? 1.0 / (features * variance) : 1.0;
    }

    public double[,] Gram(double[] x)
    {
        var n = Rows(x);
        var gram = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            gram[i, i] = 1.0;
            for (var j = i + 1; j < n; j++)
            {
                gram[i, j] = gram[j, i] = Value(x.AsSpan(i * Features, Features), x.AsSpan(j * Features, Features));
            }
        }

        return gram;
    }

    public double[,] Matrix(double[] a, double[] b)
    {
        var m = Rows(a);
        var n = Rows(b);
        var result = new double[m, n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[i, j] = Value(a.AsSpan(i * Features, Features), b.AsSpan(j * Features, Features));
            }
        }

        return result;
    }

    private double Value(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var squared = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            var d = a[k] - b[k];
            squared += d * d;
        }

        return Math.Exp(-Gamma * squared);
    }

    private int Rows(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Length % Features == 0 ? x.Length / Features : throw new ArgumentException($"{x.Length} values are not rows of {Features} features.", nameof(x));
    }
}
