namespace Qml.Learning.Tests.Optimizers.GradientFree;

internal static class TestFunctions
{
    /// <summary>Σ wᵢ (xᵢ − i − 1)² with weights 1..n: minimum 0 at (1, 2, …, n).</summary>
    public static double Quadratic(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += (i + 1) * (x[i] - i - 1) * (x[i] - i - 1);
        }

        return sum;
    }

    /// <summary>(1 − x)² + 100 (y − x²)²: minimum 0 at (1, 1) at the end of a curved valley.</summary>
    public static double Rosenbrock(ReadOnlySpan<double> x) =>
        ((1 - x[0]) * (1 - x[0])) + (100 * (x[1] - (x[0] * x[0])) * (x[1] - (x[0] * x[0])));

    public static double Distance(ReadOnlySpan<double> x, params double[] target)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += (x[i] - target[i]) * (x[i] - target[i]);
        }

        return Math.Sqrt(sum);
    }
}
