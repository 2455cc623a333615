using Qml.Learning.Data;

namespace Qml.Models.Qkan.Data;

/// <summary>J_ν(t) by its power series (accurate to ~1e-15 for t ≤ 20), cut into forecasting windows.</summary>
public static class BesselSeries
{
    /// <summary>J_ν(t) = Σ_k (−1)^k (t/2)^(2k+ν) / (k! Γ(k+ν+1)) for integer ν ≥ 0.</summary>
    public static double Evaluate(int nu, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nu);
        double half = t / 2, term = 1;
        for (int k = 1; k <= nu; k++)
        {
            term *= half / k;
        }

        double sum = term;
        for (int k = 1; k < 200; k++)
        {
            term *= -(half * half) / (k * (k + nu));
            sum += term;
            if (Math.Abs(term) < 1e-17 * Math.Max(1, Math.Abs(sum)))
            {
                break;
            }
        }

        return sum;
    }

    /// <summary>Windows of <paramref name="window"/> values of J_ν(start + k·step) predicting the next <paramref name="horizon"/>.</summary>
    public static Dataset Windows(int nu = 1, int samples = 200, int window = 8, int horizon = 1, double step = 0.1, double start = 0)
    {
        var series = new double[samples + window + horizon - 1];
        for (int k = 0; k < series.Length; k++)
        {
            series[k] = Evaluate(nu, start + (k * step));
        }

        return TimeSeriesWindows.Create($"bessel-j{nu}", series, 1, window, horizon);
    }
}
