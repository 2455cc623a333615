using Qml.Abstractions;

namespace Qml.Learning.Optimizers.GradientFree;

/// <summary>
/// Simultaneous perturbation stochastic approximation (Spall 1992): each iteration estimates
/// the whole gradient from two evaluations, f(x + c_kΔ) and f(x − c_kΔ) with Δ a random ±1
/// vector, so its cost does not grow with the number of parameters — the reason hardware and
/// shot-noise users prefer it.
/// </summary>
public static class Spsa
{
    private const string Name = "SPSA";

    /// <summary>Minimises <paramref name="objective"/> (unconstrained, possibly noisy) from <paramref name="initialPoint"/>.</summary>
    /// <param name="objective">f(x); called with a span valid only during the call.</param>
    /// <param name="initialPoint">The starting x.</param>
    /// <param name="options">Gains, budget and seed; defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="QmlException">Invalid options, an empty or non-finite initial point, or the objective returned NaN.</exception>
    public static GradientFreeResult Minimize(Func<ReadOnlySpan<double>, double> objective, ReadOnlySpan<double> initialPoint, SpsaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new SpsaOptions();
        Validate(options);
        var x = CountingObjective.Start(initialPoint, Name);
        var counter = new CountingObjective(objective, Name);
        var random = new Random(options.Seed);
        var n = x.Length;
        var delta = new double[n];
        var probe = new double[n];
        var stability = options.StabilityConstant ?? (0.1 * options.MaxIterations);
        var a = options.Calibrate ? CalibratedLearningRate(counter, x, options, stability, random, delta, probe) : options.LearningRate;
        double? current = null;
        double tolerance = 0;
        if (options.Blocking)
        {
            tolerance = options.BlockingTolerance ?? BlockingToleranceAt(counter, x);
            current = counter.Evaluate(x);
        }

        var history = new List<double>(options.MaxIterations);
        var converged = false;
        var iterations = 0;
        for (var k = 0; k < options.MaxIterations; k++)
        {
            iterations = k + 1;
            var ak = a / Math.Pow(stability + k + 1, options.Alpha);
            var ck = options.Perturbation / Math.Pow(k + 1, options.Gamma);
            var (plus, minus) = Probe(counter, x, ck, random, delta, probe);
            var scale = ak * (plus - minus) / (2 * ck);
            var step = 0.0;
            for (var i = 0; i < n; i++)
            {
                // Δ_i = ±1, so dividing by Δ_i is multiplying by it.
                probe[i] = x[i] - (scale * delta[i]);
                step += (probe[i] - x[i]) * (probe[i] - x[i]);
            }

            if (options.Blocking)
            {
                var candidate = counter.Evaluate(probe);
                if (candidate > current!.Value + tolerance)
                {
                    history.Add(current.Value);
                    continue;
                }

                current = candidate;
            }

            probe.CopyTo(x, 0);
            history.Add(current ?? 0.5 * (plus + minus));
            if (Math.Sqrt(step) < options.StepTolerance)
            {
                converged = true;
                break;
            }
        }

        // The last iterate, not the best noisy sample: with shot noise the smallest value seen is biased low.
        var final = counter.Evaluate(x);
        return new GradientFreeResult(
            x, final, counter.Evaluations, iterations, converged, history,
            converged ? $"step below {options.StepTolerance}" : $"iteration budget of {options.MaxIterations} used");
    }

    private static (double Plus, double Minus) Probe(CountingObjective counter, double[] x, double c, Random random, double[] delta, double[] probe)
    {
        for (var i = 0; i < x.Length; i++)
        {
            delta[i] = random.Next(2) == 0 ? -1.0 : 1.0;
            probe[i] = x[i] + (c * delta[i]);
        }

        var plus = counter.Evaluate(probe);
        for (var i = 0; i < x.Length; i++)
        {
            probe[i] = x[i] - (c * delta[i]);
        }

        return (plus, counter.Evaluate(probe));
    }

    private static double CalibratedLearningRate(CountingObjective counter, double[] x, SpsaOptions options, double stability, Random random, double[] delta, double[] probe)
    {
        var magnitude = 0.0;
        for (var s = 0; s < options.CalibrationSamples; s++)
        {
            var (plus, minus) = Probe(counter, x, options.Perturbation, random, delta, probe);
            magnitude += Math.Abs(plus - minus) / (2 * options.Perturbation);
        }

        magnitude /= options.CalibrationSamples;
        // A flat start gives no scale; keep the configured rate rather than divide by zero.
        return magnitude < 1e-12
            ? options.LearningRate
            : options.CalibrationTargetStep * Math.Pow(stability + 1, options.Alpha) / magnitude;
    }

    private static double BlockingToleranceAt(CountingObjective counter, double[] x)
    {
        var values = Enumerable.Range(0, 5).Select(_ => counter.Evaluate(x)).ToArray();
        var mean = values.Average();
        return 2 * Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static void Validate(SpsaOptions o)
    {
        if (o.MaxIterations < 1 || !(o.LearningRate > 0) || !(o.Perturbation > 0) || !(o.Alpha > 0) || !(o.Gamma > 0) ||
            o.StabilityConstant < 0 || o.CalibrationSamples < 1 || !(o.CalibrationTargetStep > 0) || o.BlockingTolerance < 0 || o.StepTolerance < 0)
        {
            throw new QmlException(
                $"SPSA options {o} are invalid: expected MaxIterations ≥ 1, LearningRate, Perturbation, Alpha, Gamma and CalibrationTargetStep > 0, " +
                "CalibrationSamples ≥ 1, and StabilityConstant, BlockingTolerance, StepTolerance ≥ 0.");
        }
    }
}
