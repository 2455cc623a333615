using Qml.Abstractions;

namespace Qml.Learning.Optimizers.GradientFree;

/// <summary>
/// Wraps an objective to count evaluations, reject non-finite values with the point that
/// produced them, and remember the best point seen.
/// </summary>
internal sealed class CountingObjective(Func<ReadOnlySpan<double>, double> objective, string optimizer)
{
    public int Evaluations { get; private set; }

    public double BestValue { get; private set; } = double.PositiveInfinity;

    public double[]? BestPoint { get; private set; }

    public double Evaluate(ReadOnlySpan<double> x)
    {
        Evaluations++;
        var value = objective(x);
        if (double.IsNaN(value))
        {
            throw new QmlException($"{optimizer}: the objective returned NaN at x = [{string.Join(", ", x.ToArray())}] (evaluation {Evaluations}).");
        }

        if (value < BestValue)
        {
            BestValue = value;
            BestPoint = x.ToArray();
        }

        return value;
    }

    public static double[] Start(ReadOnlySpan<double> initialPoint, string optimizer)
    {
        if (initialPoint.Length == 0)
        {
            throw new QmlException($"{optimizer}: the initial point is empty; expected at least one variable.");
        }

        foreach (var value in initialPoint)
        {
            if (!double.IsFinite(value))
            {
                throw new QmlException($"{optimizer}: the initial point [{string.Join(", ", initialPoint.ToArray())}] has a non-finite entry.");
            }
        }

        return initialPoint.ToArray();
    }
}
