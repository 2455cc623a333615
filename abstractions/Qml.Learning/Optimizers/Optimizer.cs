using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Optimizers;

/// <summary>
/// The shared machinery of the first-order optimizers: the parameter list, a step counter, and
/// per-parameter buffers created up front (zeros), so the state's key set never changes and a
/// checkpoint taken before the first step restores like any other.
/// </summary>
public abstract class Optimizer : IOptimizer
{
    private readonly List<(string Name, Tensor[] PerParameter)> _buffers = [];
    private double _learningRate;

    /// <summary>Stores the parameters (the list is copied) and the initial learning rate.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, NaN or infinite.</exception>
    protected Optimizer(IReadOnlyList<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("An optimizer needs at least one parameter.", nameof(parameters));
        }

        Parameters = [.. parameters];
        LearningRate = learningRate;
    }

    /// <summary>The parameters updated, in the order the state's "{index}.{name}" keys refer to.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The step size of the next update; schedules set it between epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set: a negative, NaN or infinite value.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and non-negative.");
            }

            _learningRate = value;
        }
    }

    /// <summary>Completed steps.</summary>
    public long StepCount { get; protected set; }

    /// <summary><c>step</c>, <c>lr</c> and every per-parameter buffer as <c>{index}.{name}</c>; copies, see <see cref="IOptimizer.State"/>.</summary>
    public IReadOnlyDictionary<string, Tensor> State
    {
        get
        {
            var state = new Dictionary<string, Tensor>(StringComparer.Ordinal)
            {
                ["step"] = Tensor.Scalar(StepCount),
                ["lr"] = Tensor.Scalar(LearningRate),
            };
            foreach ((string name, Tensor[] perParameter) in _buffers)
            {
                for (int i = 0; i < perParameter.Length; i++)
                {
                    state[$"{i}.{name}"] = perParameter[i].Clone();
                }
            }

            return state;
        }
    }

    /// <summary>Restores the step count, learning rate and buffers from a <see cref="State"/> of the same optimizer and parameter shapes.</summary>
    /// <exception cref="ArgumentException">A key is missing or unknown, or a tensor has another shape.</exception>
    public void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var expected = State;
        foreach (string key in state.Keys)
        {
            if (!expected.ContainsKey(key))
            {
                throw new ArgumentException($"{GetType().Name} state has no entry '{key}'.", nameof(state));
            }
        }

        foreach ((string key, Tensor template) in expected)
        {
            if (!state.TryGetValue(key, out Tensor? value))
            {
                throw new ArgumentException($"{GetType().Name} state is missing '{key}'.", nameof(state));
            }

            if (!value.Dims.SequenceEqual(template.Dims))
            {
                throw new ArgumentException($"{GetType().Name} state '{key}' has shape [{string.Join(", ", value.Shape)}]; expected [{string.Join(", ", template.Shape)}].", nameof(state));
            }
        }

        StepCount = checked((long)state["step"].Item());
        LearningRate = state["lr"].Item();
        foreach ((string name, Tensor[] perParameter) in _buffers)
        {
            for (int i = 0; i < perParameter.Length; i++)
            {
                state[$"{i}.{name}"].Data.CopyTo(perParameter[i].Data);
            }
        }
    }

    /// <summary>Clears the gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (Parameter p in Parameters)
        {
            p.ZeroGrad();
        }
    }

    /// <summary>One update of every parameter that has a gradient (parameters without one are skipped); increments <see cref="StepCount"/>.</summary>
    public abstract void Step();

    /// <summary>Evaluates <paramref name="closure"/> once (loss and gradients), then steps; returns that loss.</summary>
    public double Step(Func<double> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        double loss = closure();
        Step();
        return loss;
    }

    /// <summary>Creates one zero buffer per parameter, shaped like it, saved in the state as "{index}.{name}".</summary>
    protected Tensor[] AddBuffer(string name)
    {
        var perParameter = new Tensor[Parameters.Count];
        for (int i = 0; i < perParameter.Length; i++)
        {
            perParameter[i] = Tensor.Zeros(Parameters[i].Shape);
        }

        _buffers.Add((name, perParameter));
        return perParameter;
    }

    /// <summary>Validates a hyperparameter.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative, NaN or infinite; the message uses <paramref name="name"/>.</exception>
    protected static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and non-negative.");
        }
    }
}
