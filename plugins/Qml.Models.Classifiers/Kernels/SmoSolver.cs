namespace Qml.Models.Classifiers.Kernels;

/// <summary>A trained binary SVM on a precomputed kernel: f(x) = Σ_i α_i y_i K(x_i, x) − ρ.</summary>
/// <param name="Alphas">Dual coefficients α_i in [0, C].</param>
/// <param name="Labels">Labels y_i ∈ {−1, +1}.</param>
/// <param name="Rho">The offset ρ.</param>
/// <param name="Iterations">SMO steps taken.</param>
/// <param name="Converged">The maximal KKT violation fell below the tolerance.</param>
public sealed record SvmSolution(double[] Alphas, int[] Labels, double Rho, int Iterations, bool Converged)
{
    public int SupportVectorCount => Alphas.Count(a => a > 0);

    /// <summary>Decision value for one sample given its kernel row k_i = K(x_i, x) against the training samples.</summary>
    public double Decision(ReadOnlySpan<double> kernelRow)
    {
        var sum = 0.0;
        for (var i = 0; i < Alphas.Length; i++)
        {
            if (Alphas[i] > 0)
            {
                sum += Alphas[i] * Labels[i] * kernelRow[i];
            }
        }

        return sum - Rho;
    }
}

/// <summary>
/// Sequential minimal optimisation (Platt; working-set selection and updates as in LIBSVM's
/// second-order WSS, Fan, Chen and Lin 2005) for the C-SVM dual
/// min ½ αᵀQα − eᵀα, Q_ij = y_i y_j K_ij, 0 ≤ α ≤ C, yᵀα = 0, on a precomputed n×n kernel.
/// Stops when the maximal violating pair's gap m(α) − M(α) is below the tolerance.
/// </summary>
public static class SmoSolver
{
    private const double Tau = 1e-12;

    public static SvmSolution Solve(double[,] kernel, int[] labels, double c = 1.0, double tolerance = 1e-3, int maxIterations = 100_000)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(labels);
        var n = labels.Length;
        if (kernel.GetLength(0) != n || kernel.GetLength(1) != n)
        {
            throw new ArgumentException($"kernel is {kernel.GetLength(0)}×{kernel.GetLength(1)} for {n} labels.", nameof(kernel));
        }

        if (labels.Any(y => y is not (1 or -1)))
        {
            throw new ArgumentException("labels must be −1 or +1.", nameof(labels));
        }

        if (c <= 0 || tolerance <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(c), "C and the tolerance must be positive.");
        }

        var alpha = new double[n];
        var gradient = Enumerable.Repeat(-1.0, n).ToArray();
        var iterations = 0;
        var converged = false;
        while (iterations < maxIterations)
        {
            // i: maximal −y_t G_t over I_up.
            var i = -1;
            var gMax = double.NegativeInfinity;
            for (var t = 0; t < n; t++)
            {
                if (InUp(alpha[t], labels[t], c) && -labels[t] * gradient[t] >= gMax)
                {
                    gMax = -labels[t] * gradient[t];
                    i = t;
                }
            }

            // j: over I_low, the largest second-order decrease among violators; gMin for the stopping gap.
            var j = -1;
            var gMin = double.PositiveInfinity;
            var best = double.PositiveInfinity;
            for (var t = 0; t < n; t++)
            {
                if (!InLow(alpha[t], labels[t], c))
                {
                    continue;
                }

                var value = -labels[t] * gradient[t];
                gMin = Math.Min(gMin, value);
                if (i >= 0 && value < gMax)
                {
                    var b = gMax - value;
                    var a = kernel[i, i] + kernel[t, t] - (2 * kernel[i, t]);
                    var decrease = -(b * b) / (a > 0 ? a : Tau);
                    if (decrease <= best)
                    {
                        best = decrease;
                        j = t;
                    }
                }
            }

            if (i < 0 || j < 0 || gMax - gMin < tolerance)
            {
                converged = true;
                break;
            }

            iterations++;
            Update(kernel, labels, c, alpha, gradient, i, j);
        }

        return new SvmSolution(alpha, (int[])labels.Clone(), Rho(labels, c, alpha, gradient), iterations, converged);
    }

    private static bool InUp(double alpha, int y, double c) => (y == 1 && alpha < c) || (y == -1 && alpha > 0);

    private static bool InLow(double alpha, int y, double c) => (y == -1 && alpha < c) || (y == 1 && alpha > 0);

    private static void Update(double[,] kernel, int[] y, double c, double[] alpha, double[] g, int i, int j)
    {
        var oldI = alpha[i];
        var oldJ = alpha[j];
        if (y[i] != y[j])
        {
            var quad = kernel[i, i] + kernel[j, j] + (2 * y[i] * y[j] * kernel[i, j]);
            var delta = (-g[i] - g[j]) / (quad > 0 ? quad : Tau);
            var diff = alpha[i] - alpha[j];
            alpha[i] += delta;
            alpha[j] += delta;
            if (diff > 0)
            {
                if (alpha[j] < 0)
                {
                    alpha[j] = 0;
                    alpha[i] = diff;
                }
            }
            else if (alpha[i] < 0)
            {
                alpha[i] = 0;
                alpha[j] = -diff;
            }

            if (diff > 0)
            {
                if (alpha[i] > c)
                {
                    alpha[i] = c;
                    alpha[j] = c - diff;
                }
            }
            else if (alpha[j] > c)
            {
                alpha[j] = c;
                alpha[i] = c + diff;
            }
        }
        else
        {
            var quad = kernel[i, i] + kernel[j, j] - (2 * y[i] * y[j] * kernel[i, j]);
            var delta = (g[i] - g[j]) / (quad > 0 ? quad : Tau);
            var sum = alpha[i] + alpha[j];
            alpha[i] -= delta;
            alpha[j] += delta;
            if (sum > c)
            {
                if (alpha[i] > c)
                {
                    alpha[i] = c;
                    alpha[j] = sum - c;
                }
            }
            else if (alpha[j] < 0)
            {
                alpha[j] = 0;
                alpha[i] = sum;
            }

            if (sum > c)
            {
                if (alpha[j] > c)
                {
                    alpha[j] = c;
                    alpha[i] = sum - c;
                }
            }
            else if (alpha[i] < 0)
            {
                alpha[i] = 0;
                alpha[j] = sum;
            }
        }

        var dI = alpha[i] - oldI;
        var dJ = alpha[j] - oldJ;
        for (var k = 0; k < g.Length; k++)
        {
            g[k] += (y[i] * y[k] * kernel[i, k] * dI) + (y[j] * y[k] * kernel[j, k] * dJ);
        }
    }

    /// <summary>ρ: the mean of y_i G_i over free α_i, else the midpoint of the feasible interval.</summary>
    private static double Rho(int[] y, double c, double[] alpha, double[] g)
    {
        double sum = 0, upper = double.PositiveInfinity, lower = double.NegativeInfinity;
        var free = 0;
        for (var t = 0; t < y.Length; t++)
        {
            var yg = y[t] * g[t];
            if (alpha[t] >= c)
            {
                if (y[t] == -1)
                {
                    upper = Math.Min(upper, yg);
                }
                else
                {
                    lower = Math.Max(lower, yg);
                }
            }
            else if (alpha[t] <= 0)
            {
                if (y[t] == 1)
                {
                    upper = Math.Min(upper, yg);
                }
                else
                {
                    lower = Math.Max(lower, yg);
                }
            }
            else
            {
                free++;
                sum += yg;
            }
        }

        return free > 0 ? sum / free : (upper + lower) / 2;
    }
}
