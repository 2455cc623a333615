using Qml.Abstractions;

namespace Qml.Learning.Optimizers.GradientFree;

/// <summary>
/// Powell's COBYLA (constrained optimisation by linear approximation, 1994) for
/// min f(x) subject to gᵢ(x) ≥ 0. It keeps a simplex of n + 1 evaluated points, interpolates
/// f and every gᵢ linearly on it, and steps to the minimiser of the linear models within a
/// trust region of radius ρ (<see cref="CobylaSubproblem"/>). Infeasibility is weighed by the
/// merit function Φ = f + μ·max(0, −minᵢ gᵢ), with μ raised whenever a step trades objective
/// for feasibility. When steps stop paying off and the simplex is well shaped, ρ halves from
/// rhobeg to rhoend; a badly shaped simplex is first repaired by a geometry step that moves
/// one vertex a distance 0.25ρ from the opposite face.
/// </summary>
public static class Cobyla
{
    private const string Name = "COBYLA";

    // Powell's constants: a vertex may lie at most 2.1ρ from the best one (beta) and at least
    // 0.25ρ from its opposite face (alpha); a step must achieve a tenth of its predicted reduction.
    private const double Alpha = 0.25;
    private const double Beta = 2.1;
    private const double AcceptRatio = 0.1;

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="initialPoint"/> subject to every constraint gᵢ(x) ≥ 0.</summary>
    /// <param name="objective">f(x); called with a span valid only during the call.</param>
    /// <param name="initialPoint">The starting x (need not be feasible).</param>
    /// <param name="constraints">The gᵢ, each feasible where ≥ 0; none when null.</param>
    /// <param name="options">Radii and budget; defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="QmlException">Invalid options, an empty or non-finite initial point, or the objective returned NaN.</exception>
    public static GradientFreeResult Minimize(
        Func<ReadOnlySpan<double>, double> objective,
        ReadOnlySpan<double> initialPoint,
        Func<ReadOnlySpan<double>, double>[]? constraints = null,
        CobylaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new CobylaOptions();
        if (!(options.InitialRadius > 0) || !(options.FinalRadius > 0) || options.FinalRadius > options.InitialRadius || options.MaxEvaluations < 1)
        {
            throw new QmlException(
                $"COBYLA options {options} are invalid: expected 0 < FinalRadius ≤ InitialRadius and MaxEvaluations ≥ 1.");
        }

        var state = new State(objective, constraints ?? [], CountingObjective.Start(initialPoint, Name), options);
        return state.Run();
    }

    private sealed class State
    {
        private readonly CountingObjective counter;
        private readonly Func<ReadOnlySpan<double>, double>[] constraints;
        private readonly CobylaOptions options;
        private readonly int n;
        private readonly int m;
        private readonly double[][] points;
        private readonly double[] values;
        private readonly double[][] constraintValues;
        private readonly double[] violations;
        private readonly List<double> history = [];
        private double rho;
        private double mu;

        public State(Func<ReadOnlySpan<double>, double> objective, Func<ReadOnlySpan<double>, double>[] constraints, double[] start, CobylaOptions options)
        {
            counter = new CountingObjective(objective, Name);
            this.constraints = constraints;
            this.options = options;
            n = start.Length;
            m = constraints.Length;
            points = new double[n + 1][];
            values = new double[n + 1];
            constraintValues = new double[n + 1][];
            violations = new double[n + 1];
            rho = options.InitialRadius;
            Array.Fill(values, double.PositiveInfinity);
            for (var j = 0; j <= n; j++)
            {
                constraintValues[j] = new double[m];
            }

            points[0] = start;
            for (var j = 1; j <= n; j++)
            {
                points[j] = (double[])start.Clone();
                points[j][j - 1] += rho;
            }
        }

        public GradientFreeResult Run()
        {
            for (var j = 0; j <= n; j++)
            {
                if (!TryEvaluate(j, points[j]))
                {
                    return Finish(false, "evaluation budget used while building the first simplex");
                }
            }

            var iterations = 0;
            var justRepaired = false;
            while (true)
            {
                iterations++;
                MoveBestToBase();
                var inverse = DenseMatrix.Invert(Directions(), n)
                    ?? throw new QmlException($"COBYLA: the interpolation simplex became degenerate at ρ = {rho} (iteration {iterations}).");
                var acceptable = IsWellShaped(inverse, out var repairVertex);
                if (!acceptable && !justRepaired)
                {
                    justRepaired = true;
                    if (!GeometryStep(inverse, repairVertex))
                    {
                        return Finish(false, $"evaluation budget of {options.MaxEvaluations} used", iterations);
                    }

                    continue;
                }

                var afterRepair = justRepaired;
                justRepaired = false;
                var (gradient, constraintGradients) = Models(inverse);
                var step = CobylaSubproblem.Solve(constraintGradients, constraintValues[0], gradient, rho);
                if (DenseMatrix.Norm(step) < 0.5 * rho)
                {
                    // The models predict little from a full step: refine ρ, or first repair the simplex.
                    if (!acceptable && !afterRepair)
                    {
                        continue;
                    }

                    if (!ReduceRadius())
                    {
                        return Finish(true, $"trust region reached rhoend = {options.FinalRadius}", iterations);
                    }

                    continue;
                }

                var predictedViolation = 0.0;
                for (var i = 0; i < m; i++)
                {
                    predictedViolation = Math.Max(predictedViolation, -(constraintValues[0][i] + DenseMatrix.Dot(constraintGradients[i], step)));
                }

                var predictedFeasibilityGain = violations[0] - predictedViolation;
                var predictedObjectiveChange = DenseMatrix.Dot(gradient, step);
                if (predictedFeasibilityGain > 0)
                {
                    // μ must make the merit fall even when the step gives up objective for feasibility.
                    var needed = Math.Max(0, predictedObjectiveChange) / predictedFeasibilityGain;
                    if (mu < 1.5 * needed)
                    {
                        mu = 2 * needed;
                        if (BestVertex() != 0)
                        {
                            continue;
                        }
                    }
                }

                var predicted = (mu * predictedFeasibilityGain) - predictedObjectiveChange;
                var candidate = new double[n];
                for (var k = 0; k < n; k++)
                {
                    candidate[k] = points[0][k] + step[k];
                }

                if (counter.Evaluations >= options.MaxEvaluations)
                {
                    return Finish(false, $"evaluation budget of {options.MaxEvaluations} used", iterations);
                }

                var (f, cs, violation) = EvaluateAt(candidate);
                var actual = Merit(values[0], violations[0]) - Merit(f, violation);
                if (mu == 0 && f == values[0])
                {
                    // Equal objectives with no penalty yet: judge the step on feasibility alone.
                    predicted = predictedFeasibilityGain;
                    actual = violations[0] - violation;
                }

                var ratio = predicted > 0 ? actual / predicted : (actual > 0 ? 1 : -1);
                var drop = VertexToReplace(inverse, step, actual > 0);
                if (drop > 0)
                {
                    Store(drop, candidate, f, cs, violation);
                }

                history.Add(values[BestVertex()]);
                if (actual > 0 && ratio >= AcceptRatio)
                {
                    continue;
                }

                // A poor step: repair the simplex first if it needed it (next iteration), else shrink ρ;
                // a repair just made is not repeated, so a step that keeps failing cannot cycle.
                if (!acceptable && !afterRepair)
                {
                    continue;
                }

                if (!ReduceRadius())
                {
                    return Finish(true, $"trust region reached rhoend = {options.FinalRadius}", iterations);
                }
            }
        }

        private double Merit(double f, double violation) => f + (mu * violation);

        /// <summary>The vertex of least merit; ties go to the less infeasible one.</summary>
        private int BestVertex()
        {
            var best = 0;
            for (var j = 1; j <= n; j++)
            {
                var phi = Merit(values[j], violations[j]);
                var bestPhi = Merit(values[best], violations[best]);
                if (phi < bestPhi || (phi == bestPhi && violations[j] < violations[best]))
                {
                    best = j;
                }
            }

            return best;
        }

        private void MoveBestToBase()
        {
            var best = BestVertex();
            if (best != 0)
            {
                (points[0], points[best]) = (points[best], points[0]);
                (values[0], values[best]) = (values[best], values[0]);
                (constraintValues[0], constraintValues[best]) = (constraintValues[best], constraintValues[0]);
                (violations[0], violations[best]) = (violations[best], violations[0]);
            }
        }

        /// <summary>Row-major n × n: row j − 1 is vertex j minus the base vertex.</summary>
        private double[] Directions()
        {
            var d = new double[n * n];
            for (var j = 1; j <= n; j++)
            {
                for (var k = 0; k < n; k++)
                {
                    d[((j - 1) * n) + k] = points[j][k] - points[0][k];
                }
            }

            return d;
        }

        /// <summary>Column j − 1 of the inverse directions matrix: the normal s_j with s_j·(x_i − x_0) = δ_ij.</summary>
        private double[] Normal(double[] inverse, int j)
        {
            var s = new double[n];
            for (var k = 0; k < n; k++)
            {
                s[k] = inverse[(k * n) + j - 1];
            }

            return s;
        }

        /// <summary>
        /// Powell's acceptability test: every vertex within βρ of the base and at least αρ from
        /// its opposite face (1/‖s_j‖). Names the vertex to repair: the farthest one if any is too
        /// far, else the one nearest its face.
        /// </summary>
        private bool IsWellShaped(double[] inverse, out int repairVertex)
        {
            var (farthest, farthestDistance) = (0, 0.0);
            var (flattest, flattestDistance) = (0, double.PositiveInfinity);
            for (var j = 1; j <= n; j++)
            {
                var edge = 0.0;
                for (var k = 0; k < n; k++)
                {
                    edge += (points[j][k] - points[0][k]) * (points[j][k] - points[0][k]);
                }

                edge = Math.Sqrt(edge);
                var height = 1 / DenseMatrix.Norm(Normal(inverse, j));
                if (edge > farthestDistance)
                {
                    (farthest, farthestDistance) = (j, edge);
                }

                if (height < flattestDistance)
                {
                    (flattest, flattestDistance) = (j, height);
                }
            }

            repairVertex = farthestDistance > Beta * rho ? farthest : flattest;
            // A repaired vertex sits exactly αρ from its face; allow for rounding in that distance.
            return farthestDistance <= Beta * rho && flattestDistance >= Alpha * rho * (1 - 1e-6);
        }

        /// <summary>
        /// Moves the named vertex to the base ± αρ along its face normal (restoring the simplex
        /// volume), on the side where the linear models predict the lower merit.
        /// </summary>
        private bool GeometryStep(double[] inverse, int vertex)
        {
            var normal = Normal(inverse, vertex);
            var length = DenseMatrix.Norm(normal);
            var (gradient, constraintGradients) = Models(inverse);
            var move = normal.Select(s => Alpha * rho * s / length).ToArray();
            double PredictedMerit(double sign)
            {
                var violation = 0.0;
                for (var i = 0; i < m; i++)
                {
                    violation = Math.Max(violation, -(constraintValues[0][i] + (sign * DenseMatrix.Dot(constraintGradients[i], move))));
                }

                return (sign * DenseMatrix.Dot(gradient, move)) + (mu * violation);
            }

            var direction = PredictedMerit(-1) < PredictedMerit(1) ? -1.0 : 1.0;
            var point = points[0].Select((x, k) => x + (direction * move[k])).ToArray();
            if (!TryEvaluate(vertex, point))
            {
                return false;
            }

            history.Add(values[BestVertex()]);
            return true;
        }

        /// <summary>Gradients of the linear interpolants: solve D g = (value_j − value_0)_j, i.e. g = D⁻¹ Δ.</summary>
        private (double[] Objective, double[][] Constraints) Models(double[] inverse)
        {
            double[] Gradient(Func<int, double> valueAt)
            {
                var g = new double[n];
                for (var k = 0; k < n; k++)
                {
                    for (var j = 1; j <= n; j++)
                    {
                        g[k] += inverse[(k * n) + j - 1] * (valueAt(j) - valueAt(0));
                    }
                }

                return g;
            }

            var constraintGradients = new double[m][];
            for (var i = 0; i < m; i++)
            {
                var index = i;
                constraintGradients[i] = Gradient(j => constraintValues[j][index]);
            }

            return (Gradient(j => values[j]), constraintGradients);
        }

        /// <summary>
        /// Which vertex the trial point replaces, by Powell's rule: the one whose replacement keeps
        /// the simplex fattest (|s_j·d| is the volume ratio; after a failed step only if it exceeds
        /// 1), unless some vertex lies more than 1.1ρ away (from the trial point when it improved,
        /// else from the base) and can be replaced without flattening the simplex — then the
        /// farthest such vertex. Returns 0 to discard the point.
        /// </summary>
        private int VertexToReplace(double[] inverse, double[] step, bool improved)
        {
            var drop = 0;
            var largest = improved ? 0.0 : 1.0;
            var farthest = 1.1 * rho;
            var far = 0;
            for (var j = 1; j <= n; j++)
            {
                var normal = Normal(inverse, j);
                var volume = Math.Abs(DenseMatrix.Dot(normal, step));
                if (volume > largest)
                {
                    (drop, largest) = (j, volume);
                }

                var height = 1 / DenseMatrix.Norm(normal);
                var newHeight = volume * height;
                if (newHeight >= Alpha * rho || newHeight >= height)
                {
                    var distance = 0.0;
                    for (var k = 0; k < n; k++)
                    {
                        var offset = points[j][k] - points[0][k] - (improved ? step[k] : 0);
                        distance += offset * offset;
                    }

                    distance = Math.Sqrt(distance);
                    if (distance > farthest)
                    {
                        (far, farthest) = (j, distance);
                    }
                }
            }

            return far > 0 ? far : drop;
        }

        /// <summary>Halves ρ (to rhoend at the end) and lowers μ as Powell does; false once ρ is already rhoend.</summary>
        private bool ReduceRadius()
        {
            if (rho <= options.FinalRadius)
            {
                return false;
            }

            rho *= 0.5;
            if (rho <= 1.5 * options.FinalRadius)
            {
                rho = options.FinalRadius;
            }

            if (mu > 0)
            {
                // μ only needs to balance the spread of f against the constraints' spread on the simplex.
                var denominator = 0.0;
                for (var i = 0; i < m; i++)
                {
                    var low = constraintValues.Min(c => c[i]);
                    var high = constraintValues.Max(c => c[i]);
                    if (low < 0.5 * high)
                    {
                        var spread = Math.Max(high, 0) - low;
                        denominator = denominator <= 0 ? spread : Math.Min(denominator, spread);
                    }
                }

                var fSpread = values.Max() - values.Min();
                if (denominator == 0)
                {
                    mu = 0;
                }
                else if (fSpread < mu * denominator)
                {
                    mu = fSpread / denominator;
                }
            }

            return true;
        }

        private bool TryEvaluate(int vertex, double[] point)
        {
            if (counter.Evaluations >= options.MaxEvaluations)
            {
                return false;
            }

            var (f, cs, violation) = EvaluateAt(point);
            Store(vertex, point, f, cs, violation);
            return true;
        }

        private (double F, double[] Constraints, double Violation) EvaluateAt(double[] point)
        {
            var f = counter.Evaluate(point);
            var cs = new double[m];
            var violation = 0.0;
            for (var i = 0; i < m; i++)
            {
                cs[i] = constraints[i](point);
                if (double.IsNaN(cs[i]))
                {
                    throw new QmlException($"COBYLA: constraint {i} returned NaN at x = [{string.Join(", ", point)}].");
                }

                violation = Math.Max(violation, -cs[i]);
            }

            return (f, cs, violation);
        }

        private void Store(int vertex, double[] point, double f, double[] cs, double violation)
        {
            points[vertex] = point;
            values[vertex] = f;
            constraintValues[vertex] = cs;
            violations[vertex] = violation;
        }

        private GradientFreeResult Finish(bool converged, string reason, int iterations = 0)
        {
            var best = BestVertex();
            return new GradientFreeResult((double[])points[best].Clone(), values[best], counter.Evaluations, iterations, converged, history, reason)
            {
                ConstraintViolation = violations[best],
            };
        }
    }
}
