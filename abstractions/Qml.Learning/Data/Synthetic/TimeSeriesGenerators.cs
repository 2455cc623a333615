namespace Qml.Learning.Data.Synthetic;

/// <summary>
/// Forecasting datasets from closed-form signals: each samples a series at
/// <c>t = start + i·step</c>, adds Gaussian observation noise, and cuts it into windows
/// of <c>window</c> steps whose target is the next <c>horizon</c> steps.
/// </summary>
public static class TimeSeriesGenerators
{
    /// <summary>Windows of J0(t), the Bessel benchmark of the QKAN-LSTM paper.</summary>
    public static Dataset BesselJ0Series(int samples = 200, int window = 8, int horizon = 1, double step = 0.1, double start = 0, double noise = 0, int seed = 0) =>
        FromSignal("bessel-j0-series", BesselJ0.Evaluate, samples, window, horizon, step, start, noise, seed);

    /// <summary>
    /// Windows of an underdamped oscillator x(t) = A e^{−γt} cos(ω_d t + φ), ω_d = √(ω0² − γ²),
    /// the solution of x'' + 2γx' + ω0²x = 0.
    /// </summary>
    public static Dataset DampedOscillator(
        int samples = 200, int window = 8, int horizon = 1, double step = 0.1, double omega = 1.0, double damping = 0.1,
        double amplitude = 1.0, double phase = 0.0, double noise = 0, int seed = 0)
    {
        if (!(omega > 0) || !(damping >= 0) || damping >= omega)
        {
            throw new Qml.Abstractions.QmlException(
                $"damped-oscillator: omega = {omega}, damping = {damping} is invalid; expected 0 ≤ damping < omega (underdamped).");
        }

        var damped = Math.Sqrt((omega * omega) - (damping * damping));
        return FromSignal(
            "damped-oscillator",
            t => amplitude * Math.Exp(-damping * t) * Math.Cos((damped * t) + phase),
            samples, window, horizon, step, 0, noise, seed);
    }

    /// <summary>
    /// Independent windows of A sin(ω t + φ), each with its own phase drawn uniformly from
    /// [0, 2π) and frequency ω uniformly from [frequency − spread, frequency + spread].
    /// </summary>
    public static Dataset SineWindows(
        int samples = 200, int window = 8, int horizon = 1, double step = 0.1, double frequency = 1.0, double spread = 0.0,
        double amplitude = 1.0, double noise = 0, int seed = 0)
    {
        Check("sine-windows", samples, window, horizon, step, noise);
        SyntheticChecks.NonNegative("sine-windows", "spread", spread);
        var random = new Random(seed);
        var features = new double[samples * window];
        var targets = new double[samples * horizon];
        for (var i = 0; i < samples; i++)
        {
            var phase = 2 * Math.PI * random.NextDouble();
            var omega = frequency + (spread * ((2 * random.NextDouble()) - 1));
            for (var j = 0; j < window + horizon; j++)
            {
                var value = (amplitude * Math.Sin((omega * j * step) + phase)) + (noise * Gaussian.Next(random));
                if (j < window)
                {
                    features[(i * window) + j] = value;
                }
                else
                {
                    targets[(i * horizon) + j - window] = value;
                }
            }
        }

        return Dataset.ForRegression("sine-windows", features, window, targets, horizon, sequenceLength: window);
    }

    private static Dataset FromSignal(
        string name, Func<double, double> signal, int samples, int window, int horizon, double step, double start, double noise, int seed)
    {
        Check(name, samples, window, horizon, step, noise);
        var random = new Random(seed);
        var series = new double[samples + window + horizon - 1];
        for (var i = 0; i < series.Length; i++)
        {
            series[i] = signal(start + (i * step)) + (noise * Gaussian.Next(random));
        }

        return TimeSeriesWindows.Create(name, series, 1, window, horizon);
    }

    private static void Check(string name, int samples, int window, int horizon, double step, double noise)
    {
        SyntheticChecks.AtLeast(name, "samples", samples, 1);
        SyntheticChecks.AtLeast(name, "window", window, 1);
        SyntheticChecks.AtLeast(name, "horizon", horizon, 1);
        SyntheticChecks.NonNegative(name, "noise", noise);
        if (!(step > 0) || double.IsInfinity(step))
        {
            throw new Qml.Abstractions.QmlException($"{name}: step = {step} is invalid; expected a finite number > 0.");
        }
    }
}
