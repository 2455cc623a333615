using Qml.Abstractions;

namespace Qml.Learning.Optimizers.GradientFree;

/// <summary>
/// The Nelder–Mead downhill simplex: reflect the worst of n + 1 vertices through the centroid of
/// the others, expanding, contracting (outside or inside) or shrinking toward the best vertex as
/// the new value warrants. With <see cref="NelderMeadOptions.Adaptive"/> the coefficients are
/// Gao and Han's (2012) reflection 1, expansion 1 + 2/n, contraction 0.75 − 1/(2n), shrink
/// 1 − 1/n, which keep the method effective as n grows.
/// </summary>
public static class NelderMead
{
    private const string Name = "Nelder–Mead";

    /// <summary>Minimises <paramref name="objective"/> (unconstrained) starting from a simplex around <paramref name="initialPoint"/>.</summary>
    /// <param name="objective">f(x); called with a span valid only during the call.</param>
    /// <param name="initialPoint">The starting x.</param>
    /// <param name="options">Tolerances and budgets; defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="QmlException">Invalid options, an empty or non-finite initial point, or the objective returned NaN.</exception>
    public static GradientFreeResult Minimize(Func<ReadOnlySpan<double>, double> objective, ReadOnlySpan<double> initialPoint, NelderMeadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new NelderMeadOptions();
        if (options.MaxEvaluations < 1 || options.MaxIterations < 1 || options.FunctionTolerance < 0 || options.PointTolerance < 0 || options.InitialStep <= 0)
        {
            throw new QmlException($"Nelder–Mead options {options} are invalid: expected positive budgets and step, and non-negative tolerances.");
        }

        var start = CountingObjective.Start(initialPoint, Name);
        var counter = new CountingObjective(objective, Name);
        var n = start.Length;
        var (reflect, expand, contract, shrink) = options.Adaptive
            ? (1.0, 1.0 + (2.0 / n), 0.75 - (1.0 / (2.0 * n)), n == 1 ? 0.5 : 1.0 - (1.0 / n))
            : (1.0, 2.0, 0.5, 0.5);

        var vertices = new double[n + 1][];
        var values = new double[n + 1];
        vertices[0] = start;
        values[0] = counter.Evaluate(start);
        for (var j = 0; j < n; j++)
        {
            var vertex = (double[])start.Clone();
            vertex[j] += options.InitialStep ?? (start[j] != 0 ? 0.05 * start[j] : 0.00025);
            vertices[j + 1] = vertex;
            values[j + 1] = counter.Evaluate(vertex);
        }

        var history = new List<double>();
        var centroid = new double[n];
        var iterations = 0;
        var converged = false;
        while (iterations < options.MaxIterations && counter.Evaluations < options.MaxEvaluations)
        {
            Sort(vertices, values);
            if (Converged(vertices, values, options))
            {
                converged = true;
                break;
            }

            iterations++;
            Array.Clear(centroid);
            for (var j = 0; j < n; j++)
            {
                for (var i = 0; i < n; i++)
                {
                    centroid[i] += vertices[j][i] / n;
                }
            }

            var worst = vertices[n];
            var reflected = Along(centroid, worst, reflect);
            var fr = counter.Evaluate(reflected);
            if (fr < values[0])
            {
                var expanded = Along(centroid, worst, reflect * expand);
                var fe = counter.Evaluate(expanded);
                (vertices[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (vertices[n], values[n]) = (reflected, fr);
            }
            else
            {
                // Outside contraction when the reflection beat the worst vertex, else inside.
                var outside = fr < values[n];
                var contracted = Along(centroid, worst, outside ? reflect * contract : -contract);
                var fc = counter.Evaluate(contracted);
                if (fc < (outside ? fr : values[n]))
                {
                    (vertices[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var j = 1; j <= n; j++)
                    {
                        for (var i = 0; i < n; i++)
                        {
                            vertices[j][i] = vertices[0][i] + (shrink * (vertices[j][i] - vertices[0][i]));
                        }

                        values[j] = counter.Evaluate(vertices[j]);
                    }
                }
            }

            history.Add(values.Min());
        }

        Sort(vertices, values);
        var reason = converged
            ? $"simplex within f tolerance {options.FunctionTolerance} and x tolerance {options.PointTolerance}"
            : counter.Evaluations >= options.MaxEvaluations ? $"evaluation budget of {options.MaxEvaluations} used" : $"iteration budget of {options.MaxIterations} used";
        return new GradientFreeResult(vertices[0], values[0], counter.Evaluations, iterations, converged, history, reason);
    }

    /// <summary>centroid + t·(centroid − worst): t = 1 reflects, t &gt; 1 expands, 0 &lt; t &lt; 1 contracts outside, t &lt; 0 inside.</summary>
    private static double[] Along(double[] centroid, double[] worst, double t)
    {
        var point = new double[centroid.Length];
        for (var i = 0; i < point.Length; i++)
        {
            point[i] = centroid[i] + (t * (centroid[i] - worst[i]));
        }

        return point;
    }

    private static void Sort(double[][] vertices, double[] values) => Array.Sort(values, vertices);

    private static bool Converged(double[][] vertices, double[] values, NelderMeadOptions options)
    {
        for (var j = 1; j < values.Length; j++)
        {
            if (Math.Abs(values[j] - values[0]) > options.FunctionTolerance)
            {
                return false;
            }

            for (var i = 0; i < vertices[0].Length; i++)
            {
                if (Math.Abs(vertices[j][i] - vertices[0][i]) > options.PointTolerance)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
