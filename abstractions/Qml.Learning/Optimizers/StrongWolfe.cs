namespace Qml.Learning.Optimizers;

/// <summary>
/// A line search for the strong Wolfe conditions (Nocedal &amp; Wright, algorithms 3.5–3.6) with
/// safeguarded cubic interpolation, following PyTorch's L-BFGS so results are comparable.
/// </summary>
internal static class StrongWolfe
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;
    private const int MaxSearches = 25;

    /// <summary>Evaluates the loss and gradient at x0 + t·d.</summary>
    public delegate double Evaluate(double t, double[] gradient);

    /// <returns>The accepted step, its loss, its gradient (written into <paramref name="gradientOut"/>), and the evaluations spent.</returns>
    public static (double Step, double Loss, int Evaluations) Search(
        Evaluate evaluate, double t, double[] d, double f, double[] g, double gtd, double toleranceChange, double[] gradientOut)
    {
        int n = d.Length;
        double dNorm = MaxAbs(d);
        var gNew = new double[n];
        double fNew = evaluate(t, gNew);
        int evaluations = 1;
        double gtdNew = Dot(gNew, d);

        double tPrev = 0, fPrev = f, gtdPrev = gtd;
        double[] gPrev = (double[])g.Clone();
        bool done = false;
        int searches = 0;

        var bracket = new double[2];
        var bracketF = new double[2];
        var bracketG = new double[2][];
        var bracketGtd = new double[2];
        int size = 0;

        while (searches < MaxSearches)
        {
            if (fNew > f + (C1 * t * gtd) || (searches > 1 && fNew >= fPrev) || gtdNew >= 0)
            {
                Set(0, tPrev, fPrev, gPrev, gtdPrev);
                Set(1, t, fNew, (double[])gNew.Clone(), gtdNew);
                size = 2;
                break;
            }

            if (Math.Abs(gtdNew) <= -C2 * gtd)
            {
                Set(0, t, fNew, (double[])gNew.Clone(), gtdNew);
                size = 1;
                done = true;
                break;
            }

            // Extrapolate: the minimum lies beyond t.
            double minStep = t + (0.01 * (t - tPrev));
            double maxStep = t * 10;
            double next = CubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = t;
            fPrev = fNew;
            gPrev = (double[])gNew.Clone();
            gtdPrev = gtdNew;
            t = next;
            fNew = evaluate(t, gNew);
            evaluations++;
            gtdNew = Dot(gNew, d);
            searches++;
        }

        if (searches == MaxSearches)
        {
            Set(0, 0, f, (double[])g.Clone(), gtd);
            Set(1, t, fNew, (double[])gNew.Clone(), gtdNew);
            size = 2;
        }

        // Zoom: shrink the bracket [low, high] that contains a Wolfe point.
        bool insufficientProgress = false;
        int low = 0, high = 1;
        if (size == 2 && bracketF[0] > bracketF[1])
        {
            (low, high) = (1, 0);
        }

        while (!done && searches < MaxSearches)
        {
            double lo = Math.Min(bracket[0], bracket[1]), hi = Math.Max(bracket[0], bracket[1]);
            if ((hi - lo) * dNorm < toleranceChange)
            {
                break;
            }

            t = CubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], lo, hi);

            // Keep away from the ends so the bracket keeps shrinking.
            double eps = 0.1 * (hi - lo);
            if (Math.Min(hi - t, t - lo) < eps)
            {
                if (insufficientProgress || t >= hi || t <= lo)
                {
                    t = Math.Abs(t - hi) < Math.Abs(t - lo) ? hi - eps : lo + eps;
                    insufficientProgress = false;
                }
                else
                {
                    insufficientProgress = true;
                }
            }
            else
            {
                insufficientProgress = false;
            }

            fNew = evaluate(t, gNew);
            evaluations++;
            gtdNew = Dot(gNew, d);
            searches++;

            if (fNew > f + (C1 * t * gtd) || fNew >= bracketF[low])
            {
                Set(high, t, fNew, (double[])gNew.Clone(), gtdNew);
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0);
            }
            else
            {
                if (Math.Abs(gtdNew) <= -C2 * gtd)
                {
                    done = true;
                }
                else if (gtdNew * (bracket[high] - bracket[low]) >= 0)
                {
                    Set(high, bracket[low], bracketF[low], bracketG[low], bracketGtd[low]);
                }

                Set(low, t, fNew, (double[])gNew.Clone(), gtdNew);
            }
        }

        bracketG[low].CopyTo(gradientOut, 0);
        return (bracket[low], bracketF[low], evaluations);

        void Set(int i, double step, double loss, double[] grad, double slope)
        {
            bracket[i] = step;
            bracketF[i] = loss;
            bracketG[i] = grad;
            bracketGtd[i] = slope;
        }
    }

    /// <summary>The minimiser of the cubic through two points with slopes, clamped to [lo, hi]; the midpoint when it has none.</summary>
    internal static double CubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi)
    {
        double d1 = g1 + g2 - (3 * (f1 - f2) / (x1 - x2));
        double d2Square = (d1 * d1) - (g1 * g2);
        if (d2Square >= 0)
        {
            double d2 = Math.Sqrt(d2Square);
            double minPos = x1 <= x2
                ? x2 - ((x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + (2 * d2))))
                : x1 - ((x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + (2 * d2))));
            if (double.IsFinite(minPos))
            {
                return Math.Min(Math.Max(minPos, lo), hi);
            }
        }

        return (lo + hi) / 2;
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    internal static double MaxAbs(ReadOnlySpan<double> a) => a.IsEmpty ? 0 : Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(a));
}
