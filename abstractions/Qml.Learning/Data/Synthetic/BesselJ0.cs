namespace Qml.Learning.Data.Synthetic;

/// <summary>
/// The Bessel function of the first kind of order zero, to about 1e-13 absolute: the power
/// series up to |x| = 12 and Hankel's asymptotic expansion beyond, where the series would lose
/// digits to cancellation and the asymptotic terms are already below 1e-11 before they diverge.
/// </summary>
public static class BesselJ0
{
    private const double SeriesLimit = 12.0;

    /// <summary>J0(<paramref name="x"/>) for any real x (J0 is even; J0(0) = 1).</summary>
    public static double Evaluate(double x)
    {
        x = Math.Abs(x); // J0 is even.
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        return x <= SeriesLimit ? Series(x) : Asymptotic(x);
    }

    /// <summary>J0(x) = Σ (−x²/4)^k / (k!)².</summary>
    private static double Series(double x)
    {
        var step = -0.25 * x * x;
        var term = 1.0;
        var sum = 1.0;
        for (var k = 1; k < 200; k++)
        {
            term *= step / ((double)k * k);
            sum += term;
            if (Math.Abs(term) < 1e-17 * Math.Max(1.0, Math.Abs(sum)) && k > 0.5 * x)
            {
                break;
            }
        }

        return sum;
    }

    /// <summary>
    /// J0(x) ≈ √(2/(πx)) (P cos χ − Q sin χ), χ = x − π/4, with P and Q from the terms
    /// b_k = Π_{j≤k} −(2j−1)² / (8 j x); summation stops at the smallest term, where an
    /// asymptotic series is most accurate.
    /// </summary>
    private static double Asymptotic(double x)
    {
        double p = 1.0, q = 0.0, b = 1.0, previous = double.MaxValue;
        for (var k = 1; k < 100; k++)
        {
            var next = b * -((2.0 * k) - 1) * ((2.0 * k) - 1) / (8.0 * k * x);
            if (Math.Abs(next) >= previous)
            {
                break;
            }

            previous = Math.Abs(next);
            b = next;
            var sign = ((k / 2) % 2 == 0) ? 1.0 : -1.0;
            if (k % 2 == 0)
            {
                p += sign * b;
            }
            else
            {
                q += sign * b;
            }

            if (previous < 1e-17)
            {
                break;
            }
        }

        // cos(x − π/4) and sin(x − π/4) through the angle-sum identities, so a large x does not
        // lose the π/4 shift to rounding.
        var (sin, cos) = Math.SinCos(x);
        var cosChi = (cos + sin) * Math.Sqrt(0.5);
        var sinChi = (sin - cos) * Math.Sqrt(0.5);
        return Math.Sqrt(2.0 / (Math.PI * x)) * ((p * cosChi) - (q * sinChi));
    }
}
