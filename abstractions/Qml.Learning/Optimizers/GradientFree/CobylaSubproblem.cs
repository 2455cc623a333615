namespace Qml.Learning.Optimizers.GradientFree;

/// <summary>
/// COBYLA's trust-region subproblem on the linear models: with constraint models
/// cᵢ + aᵢ·d ≥ 0, objective model g·d and ‖d‖ ≤ ρ, first find the least maximum constraint
/// violation v* reachable inside the ball (Powell's first stage), then minimise g·d keeping every
/// violation at most v* (second stage). Powell solves both stages with one active-set scheme
/// (TRSTLP); here stage one bisects on v with a minimum-norm feasibility test, and stage two is a
/// primal active-set method whose every step moves toward the exact minimiser of g·d on the
/// current active face intersected with the ball.
/// </summary>
internal static class CobylaSubproblem
{
    /// <param name="a">m rows of n: the constraint model gradients.</param>
    /// <param name="c">the constraint values at the base point.</param>
    /// <param name="g">the objective model gradient.</param>
    /// <param name="rho">the trust-region radius.</param>
    public static double[] Solve(double[][] a, double[] c, double[] g, double rho)
    {
        var n = g.Length;
        var m = c.Length;
        var violationAtBase = 0.0;
        for (var i = 0; i < m; i++)
        {
            violationAtBase = Math.Max(violationAtBase, -c[i]);
        }

        var start = new double[n];
        var level = 0.0;
        if (violationAtBase > 0)
        {
            var atZero = MinimumNormPoint(a, Bounds(c, 0), rho);
            if (atZero is not null)
            {
                start = atZero;
            }
            else
            {
                // Bisect on the violation level: feasible at the base's own violation (d = 0), not at 0.
                double low = 0, high = violationAtBase;
                for (var step = 0; step < 60 && high - low > 1e-13 * (1 + violationAtBase); step++)
                {
                    var middle = 0.5 * (low + high);
                    var point = MinimumNormPoint(a, Bounds(c, middle), rho);
                    if (point is null)
                    {
                        low = middle;
                    }
                    else
                    {
                        (high, start) = (middle, point);
                    }
                }

                level = high;
            }
        }

        return MinimiseOnFeasibleSet(a, Bounds(c, level), g, rho, start);
    }

    /// <summary>The constraint right-hand sides aᵢ·d ≥ −cᵢ − v for violation level v.</summary>
    private static double[] Bounds(double[] c, double level)
    {
        var b = new double[c.Length];
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = -c[i] - level;
        }

        return b;
    }

    /// <summary>
    /// The point of least norm with A d ≥ b, by coordinate ascent on the dual
    /// max_{λ≥0} λ·b − ½‖Aᵀλ‖² (d = Aᵀλ); null when that norm must exceed <paramref name="rho"/>,
    /// which the dual value proves (weak duality) also when the constraints are inconsistent.
    /// </summary>
    private static double[]? MinimumNormPoint(double[][] a, double[] b, double rho)
    {
        var m = b.Length;
        var n = a.Length == 0 ? 0 : a[0].Length;
        var lambda = new double[m];
        var d = new double[n];
        var scale = 1e-12 * (1 + b.Select(Math.Abs).DefaultIfEmpty(0).Max());
        for (var pass = 0; pass < 20_000; pass++)
        {
            var worst = 0.0;
            for (var i = 0; i < m; i++)
            {
                var norm2 = DenseMatrix.Dot(a[i], a[i]);
                var gap = b[i] - DenseMatrix.Dot(a[i], d);
                if (norm2 < 1e-300)
                {
                    if (gap > scale)
                    {
                        return null; // a constant model that is violated everywhere
                    }

                    continue;
                }

                var updated = Math.Max(0, lambda[i] + (gap / norm2));
                var change = updated - lambda[i];
                if (change != 0)
                {
                    for (var k = 0; k < n; k++)
                    {
                        d[k] += change * a[i][k];
                    }

                    lambda[i] = updated;
                }

                worst = Math.Max(worst, Math.Max(gap, lambda[i] > 0 ? Math.Abs(gap) : 0));
            }

            var dual = DenseMatrix.Dot(lambda, b) - (0.5 * DenseMatrix.Dot(d, d));
            if (dual > 0.5 * rho * rho * (1 + 1e-12))
            {
                return null;
            }

            if (worst <= scale)
            {
                break;
            }
        }

        var length = DenseMatrix.Norm(d);
        if (length > rho * (1 + 1e-9))
        {
            return null;
        }

        if (length > rho)
        {
            for (var k = 0; k < n; k++)
            {
                d[k] *= rho / length;
            }
        }

        return d;
    }

    /// <summary>
    /// Minimises g·d over A d ≥ b, ‖d‖ ≤ ρ from a feasible start. The active set S holds
    /// constraints met with equality; each iteration heads for z*, the minimiser of g·d on
    /// {A_S z = b_S} ∩ ball (the face's centre point minus the projected gradient scaled to
    /// the ball), stopping early at the first other constraint in the way. At z* the KKT
    /// multipliers decide: all non-negative means optimal, else the most negative leaves S.
    /// </summary>
    private static double[] MinimiseOnFeasibleSet(double[][] a, double[] b, double[] g, double rho, double[] start)
    {
        var n = g.Length;
        var m = b.Length;
        var d = (double[])start.Clone();
        var active = new List<int>();
        var tiny = 1e-14 * (DenseMatrix.Norm(g) + 1e-300);
        for (var iteration = 0; iteration < (20 * (m + n)) + 100; iteration++)
        {
            var k = active.Count;
            var lambda0 = Array.Empty<double>();
            var w = Array.Empty<double>();
            var projected = (double[])g.Clone();
            var centre = new double[n];
            if (k > 0)
            {
                var gram = new double[k * k];
                var rowsTimesG = new double[k];
                var bounds = new double[k];
                for (var i = 0; i < k; i++)
                {
                    for (var j = 0; j < k; j++)
                    {
                        gram[(i * k) + j] = DenseMatrix.Dot(a[active[i]], a[active[j]]);
                    }

                    rowsTimesG[i] = DenseMatrix.Dot(a[active[i]], g);
                    bounds[i] = b[active[i]];
                }

                lambda0 = DenseMatrix.Solve(gram, rowsTimesG, k) ?? new double[k];
                w = DenseMatrix.Solve(gram, bounds, k) ?? new double[k];
                for (var i = 0; i < k; i++)
                {
                    for (var x = 0; x < n; x++)
                    {
                        projected[x] -= lambda0[i] * a[active[i]][x];
                        centre[x] += w[i] * a[active[i]][x];
                    }
                }
            }

            var projectedNorm = DenseMatrix.Norm(projected);
            if (projectedNorm <= tiny)
            {
                // g·d is constant on this face: optimal unless a multiplier says leave a constraint.
                var leave = MostNegative(lambda0);
                if (leave < 0)
                {
                    return d;
                }

                active.RemoveAt(leave);
                continue;
            }

            var radius = Math.Sqrt(Math.Max(0, (rho * rho) - DenseMatrix.Dot(centre, centre)));
            var target = new double[n];
            var step = new double[n];
            for (var x = 0; x < n; x++)
            {
                target[x] = centre[x] - (radius * projected[x] / projectedNorm);
                step[x] = target[x] - d[x];
            }

            var fraction = 1.0;
            var blocking = -1;
            for (var i = 0; i < m; i++)
            {
                if (active.Contains(i))
                {
                    continue;
                }

                var slope = DenseMatrix.Dot(a[i], step);
                if (slope < -1e-300)
                {
                    var reach = Math.Max(0, (b[i] - DenseMatrix.Dot(a[i], d)) / slope);
                    if (reach < fraction)
                    {
                        (fraction, blocking) = (reach, i);
                    }
                }
            }

            for (var x = 0; x < n; x++)
            {
                d[x] += fraction * step[x];
            }

            if (blocking >= 0)
            {
                active.Add(blocking);
                continue;
            }

            if (k == 0 || radius <= 1e-15 * rho)
            {
                return d;
            }

            // At z*: g = A_Sᵀ(λ0 + μ w) − μ z* with μ = ‖P g‖ / r ≥ 0 the ball's multiplier.
            var mu = projectedNorm / radius;
            var multipliers = lambda0.Select((l, i) => l + (mu * w[i])).ToArray();
            var drop = MostNegative(multipliers);
            if (drop < 0)
            {
                return d;
            }

            active.RemoveAt(drop);
        }

        return d;
    }

    private static int MostNegative(double[] values)
    {
        var index = -1;
        var lowest = -1e-12 * (1 + values.Select(Math.Abs).DefaultIfEmpty(0).Max());
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] < lowest)
            {
                (lowest, index) = (values[i], i);
            }
        }

        return index;
    }
}
