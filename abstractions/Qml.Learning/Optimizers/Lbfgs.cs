using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Qml.Learning.Optimizers;

/// <summary>
/// Limited-memory BFGS for full-batch problems, after PyTorch's LBFGS: the two-loop recursion
/// over the last m (s, y) pairs gives the direction, a strong-Wolfe line search (or a fixed step)
/// the length. Each <see cref="Step(Func{double})"/> runs up to
/// <see cref="LbfgsOptions.MaxIterations"/> iterations, calling the closure as often as it needs.
/// The history persists across calls and is part of <see cref="State"/>.
/// </summary>
public sealed class Lbfgs : IOptimizer
{
    private readonly int _size;
    private readonly List<double[]> _oldDirs = []; // y: gradient differences
    private readonly List<double[]> _oldSteps = []; // s: parameter differences
    private readonly List<double> _rho = [];
    private double[]? _direction;
    private double[]? _prevGrad;
    private double _t;
    private double _hDiag = 1;
    private double _prevLoss;
    private double _learningRate;

    /// <summary>Creates the optimizer with an empty history.</summary>
    /// <param name="parameters">What to train; all parameters are treated as one flat vector.</param>
    /// <param name="options">Hyperparameters; PyTorch's LBFGS defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">HistorySize, MaxIterations or MaxEvaluations &lt; 1, or a learning rate that is not finite and positive.</exception>
    public Lbfgs(IReadOnlyList<Parameter> parameters, LbfgsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("An optimizer needs at least one parameter.", nameof(parameters));
        }

        Options = options ?? new LbfgsOptions();
        if (Options.HistorySize < 1 || Options.MaxIterations < 1 || Options.MaxEvaluations is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "L-BFGS needs HistorySize, MaxIterations and MaxEvaluations ≥ 1.");
        }

        Parameters = [.. parameters];
        foreach (Parameter p in Parameters)
        {
            _size += p.Length;
        }

        LearningRate = Options.LearningRate;
    }

    /// <summary>The hyperparameters given at construction.</summary>
    public LbfgsOptions Options { get; }

    /// <summary>The parameters, in the order they are flattened into one vector.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The initial step length of each line search (or the fixed step without one).</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: a value that is not finite and positive.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "L-BFGS needs a finite positive learning rate.");
            }

            _learningRate = value;
        }
    }

    /// <summary>Iterations run over all calls.</summary>
    public long Iterations { get; private set; }

    /// <summary>Closure evaluations over all calls.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Clears the gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (Parameter p in Parameters)
        {
            p.ZeroGrad();
        }
    }

    /// <summary>Not available: L-BFGS must re-evaluate the loss. Use <see cref="Step(Func{double})"/>.</summary>
    public void Step() => throw new NotSupportedException("L-BFGS re-evaluates the loss during its line search; call Step(closure) with a closure that zeroes the gradients, computes the loss, calls Backward() and returns the loss.");

    /// <summary>Runs up to <see cref="LbfgsOptions.MaxIterations"/> iterations, stopping early on the gradient or change tolerances
    /// or the evaluation budget; see <see cref="IOptimizer.Step(Func{double})"/> for the closure's contract.</summary>
    /// <returns>The loss of the first evaluation, before any update.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="closure"/> is null.</exception>
    public double Step(Func<double> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        int maxEvaluations = Options.MaxEvaluations ?? (Options.MaxIterations * 5 / 4);
        double tolChange = Options.ToleranceChange;

        double originalLoss = closure();
        double loss = originalLoss;
        int evaluations = 1;
        Evaluations++;
        double[] grad = GatherGrad();
        if (MaxAbs(grad) <= Options.ToleranceGrad)
        {
            return originalLoss;
        }

        for (int iteration = 1; ; iteration++)
        {
            Iterations++;
            double[] d = NextDirection(grad);
            _prevGrad = (double[])grad.Clone();
            _prevLoss = loss;

            // The first step ever is scaled by the gradient, since no curvature is known yet.
            _t = Iterations == 1 ? Math.Min(1.0, 1.0 / Sum(grad)) * LearningRate : LearningRate;
            double gtd = StrongWolfe.Dot(grad, d);
            if (gtd > -tolChange)
            {
                break;
            }

            int lineEvaluations;
            if (Options.LineSearch == LineSearch.StrongWolfe)
            {
                double[] start = GatherParameters();
                var newGrad = new double[_size];
                (double step, double newLoss, int used) = StrongWolfe.Search(
                    (t, g) =>
                    {
                        SetParameters(start, t, d);
                        double f = closure();
                        GatherGradInto(g);
                        return f;
                    },
                    _t, d, loss, grad, gtd, tolChange, newGrad);
                _t = step;
                SetParameters(start, _t, d);
                loss = newLoss;
                grad = newGrad;
                lineEvaluations = used;
            }
            else
            {
                AddToParameters(_t, d);
                lineEvaluations = 0;
                if (iteration != Options.MaxIterations)
                {
                    loss = closure();
                    grad = GatherGrad();
                    lineEvaluations = 1;
                }
            }

            evaluations += lineEvaluations;
            Evaluations += lineEvaluations;

            if (iteration == Options.MaxIterations || evaluations >= maxEvaluations || MaxAbs(grad) <= Options.ToleranceGrad)
            {
                break;
            }

            if (MaxAbs(d) * Math.Abs(_t) <= tolChange || Math.Abs(loss - _prevLoss) < tolChange)
            {
                break;
            }
        }

        return originalLoss;
    }

    /// <summary>The two-loop recursion: d = −H·g with H built from the stored pairs and scaled by γ = sᵀy / yᵀy.</summary>
    private double[] NextDirection(double[] grad)
    {
        if (Iterations == 1 || _direction is null || _prevGrad is null)
        {
            _oldDirs.Clear();
            _oldSteps.Clear();
            _rho.Clear();
            _hDiag = 1;
            _direction = new double[_size];
            TensorPrimitives.Negate(grad, _direction);
            return _direction;
        }

        var y = new double[_size];
        var s = new double[_size];
        TensorPrimitives.Subtract(grad, _prevGrad, y);
        TensorPrimitives.Multiply(_direction, _t, s);
        double ys = StrongWolfe.Dot(y, s);

        // Only pairs with positive curvature keep H positive definite.
        if (ys > 1e-10)
        {
            if (_oldDirs.Count == Options.HistorySize)
            {
                _oldDirs.RemoveAt(0);
                _oldSteps.RemoveAt(0);
                _rho.RemoveAt(0);
            }

            _oldDirs.Add(y);
            _oldSteps.Add(s);
            _rho.Add(1.0 / ys);
            _hDiag = ys / StrongWolfe.Dot(y, y);
        }

        int count = _oldDirs.Count;
        var alpha = new double[count];
        var q = new double[_size];
        TensorPrimitives.Negate(grad, q);
        for (int i = count - 1; i >= 0; i--)
        {
            alpha[i] = StrongWolfe.Dot(_oldSteps[i], q) * _rho[i];
            TensorPrimitives.MultiplyAdd(_oldDirs[i], -alpha[i], q, q);
        }

        TensorPrimitives.Multiply(q, _hDiag, q);
        for (int i = 0; i < count; i++)
        {
            double beta = StrongWolfe.Dot(_oldDirs[i], q) * _rho[i];
            TensorPrimitives.MultiplyAdd(_oldSteps[i], alpha[i] - beta, q, q);
        }

        _direction = q;
        return q;
    }

    /// <summary>PyTorch-named state: <c>lr</c>, <c>n_iter</c>, <c>func_evals</c>, <c>t</c>, <c>h_diag</c>, <c>prev_loss</c>, <c>d</c>, <c>prev_flat_grad</c>, <c>old_dirs</c> and <c>old_stps</c> ([k, total parameter count]) and <c>ro</c> ([k]); copies.</summary>
    public IReadOnlyDictionary<string, Tensor> State
    {
        get
        {
            int k = _oldDirs.Count;
            var dirs = Tensor.Zeros(k, _size);
            var steps = Tensor.Zeros(k, _size);
            for (int i = 0; i < k; i++)
            {
                _oldDirs[i].CopyTo(dirs.Data.Slice(i * _size, _size));
                _oldSteps[i].CopyTo(steps.Data.Slice(i * _size, _size));
            }

            return new Dictionary<string, Tensor>(StringComparer.Ordinal)
            {
                ["lr"] = Tensor.Scalar(LearningRate),
                ["n_iter"] = Tensor.Scalar(Iterations),
                ["func_evals"] = Tensor.Scalar(Evaluations),
                ["t"] = Tensor.Scalar(_t),
                ["h_diag"] = Tensor.Scalar(_hDiag),
                ["prev_loss"] = Tensor.Scalar(_prevLoss),
                ["d"] = _direction is null ? Tensor.Zeros(0) : Tensor.FromVector((double[])_direction.Clone()),
                ["prev_flat_grad"] = _prevGrad is null ? Tensor.Zeros(0) : Tensor.FromVector((double[])_prevGrad.Clone()),
                ["old_dirs"] = dirs,
                ["old_stps"] = steps,
                ["ro"] = Tensor.FromVector([.. _rho]),
            };
        }
    }

    /// <summary>Restores a <see cref="State"/> taken from an L-BFGS over parameters of the same total size.</summary>
    /// <exception cref="ArgumentException">A key is missing or unknown, or the history shapes do not match (or exceed <see cref="LbfgsOptions.HistorySize"/>).</exception>
    public void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string[] keys = ["lr", "n_iter", "func_evals", "t", "h_diag", "prev_loss", "d", "prev_flat_grad", "old_dirs", "old_stps", "ro"];
        foreach (string key in keys)
        {
            if (!state.ContainsKey(key))
            {
                throw new ArgumentException($"L-BFGS state is missing '{key}'.", nameof(state));
            }
        }

        foreach (string key in state.Keys)
        {
            if (Array.IndexOf(keys, key) < 0)
            {
                throw new ArgumentException($"L-BFGS state has no entry '{key}'.", nameof(state));
            }
        }

        Tensor dirs = state["old_dirs"], steps = state["old_stps"], rho = state["ro"];
        int k = rho.Length;
        if (dirs.Rank != 2 || steps.Rank != 2 || dirs.Dim(0) != k || steps.Dim(0) != k || (k > 0 && (dirs.Dim(1) != _size || steps.Dim(1) != _size)) || k > Options.HistorySize)
        {
            throw new ArgumentException($"L-BFGS history does not fit {_size} parameters and history size {Options.HistorySize}.", nameof(state));
        }

        double[]? direction = Vector(state["d"], "d");
        double[]? prevGrad = Vector(state["prev_flat_grad"], "prev_flat_grad");

        LearningRate = state["lr"].Item();
        Iterations = checked((long)state["n_iter"].Item());
        Evaluations = checked((long)state["func_evals"].Item());
        _t = state["t"].Item();
        _hDiag = state["h_diag"].Item();
        _prevLoss = state["prev_loss"].Item();
        _direction = direction;
        _prevGrad = prevGrad;
        _oldDirs.Clear();
        _oldSteps.Clear();
        _rho.Clear();
        for (int i = 0; i < k; i++)
        {
            _oldDirs.Add(dirs.Data.Slice(i * _size, _size).ToArray());
            _oldSteps.Add(steps.Data.Slice(i * _size, _size).ToArray());
            _rho.Add(rho.Data[i]);
        }
    }

    private double[]? Vector(Tensor t, string name)
    {
        if (t.Length == 0)
        {
            return null;
        }

        if (t.Rank != 1 || t.Length != _size)
        {
            throw new ArgumentException($"L-BFGS state '{name}' has {t.Length} values; the parameters have {_size}.", nameof(t));
        }

        return t.ToArray();
    }

    private double[] GatherGrad()
    {
        var g = new double[_size];
        GatherGradInto(g);
        return g;
    }

    private void GatherGradInto(double[] g)
    {
        int offset = 0;
        foreach (Parameter p in Parameters)
        {
            Span<double> dst = g.AsSpan(offset, p.Length);
            if (p.Grad is { } grad)
            {
                grad.Data.CopyTo(dst);
            }
            else
            {
                dst.Clear();
            }

            offset += p.Length;
        }
    }

    private double[] GatherParameters()
    {
        var x = new double[_size];
        int offset = 0;
        foreach (Parameter p in Parameters)
        {
            p.Value.Data.CopyTo(x.AsSpan(offset, p.Length));
            offset += p.Length;
        }

        return x;
    }

    /// <summary>p ← start + t·d.</summary>
    private void SetParameters(double[] start, double t, double[] d)
    {
        int offset = 0;
        foreach (Parameter p in Parameters)
        {
            TensorPrimitives.MultiplyAdd(d.AsSpan(offset, p.Length), t, start.AsSpan(offset, p.Length), p.Value.Data);
            offset += p.Length;
        }
    }

    /// <summary>p ← p + t·d.</summary>
    private void AddToParameters(double t, double[] d)
    {
        int offset = 0;
        foreach (Parameter p in Parameters)
        {
            Span<double> x = p.Value.Data;
            TensorPrimitives.MultiplyAdd(d.AsSpan(offset, p.Length), t, x, x);
            offset += p.Length;
        }
    }

    private static double MaxAbs(double[] x) => StrongWolfe.MaxAbs(x);

    private static double Sum(double[] x) => TensorPrimitives.SumOfMagnitudes(x);
}
