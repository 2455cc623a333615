using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov and L2 weight decay, as PyTorch's
/// SGD (dampening 0): g ← ∇ + λp; v ← μv + g; p ← p − lr·(nesterov ? g + μv : v).
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly Tensor[] _velocity;

    /// <summary>Creates the optimizer with a zero <c>momentum_buffer</c> per parameter.</summary>
    /// <param name="parameters">What to train.</param>
    /// <param name="options">Hyperparameters; plain SGD when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty.</exception>
    /// <exception cref="ArgumentException">Also: Nesterov without positive momentum.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite rate, momentum or weight decay.</exception>
    public Sgd(IReadOnlyList<Parameter> parameters, SgdOptions? options = null)
        : base(parameters, (options ?? new SgdOptions()).LearningRate)
    {
        Options = options ?? new SgdOptions();
        RequireFinite(Options.Momentum, nameof(SgdOptions.Momentum));
        RequireFinite(Options.WeightDecay, nameof(SgdOptions.WeightDecay));
        if (Options.Nesterov && Options.Momentum <= 0)
        {
            throw new ArgumentException("Nesterov momentum needs Momentum > 0.", nameof(options));
        }

        _velocity = AddBuffer("momentum_buffer");
    }

    /// <summary>The hyperparameters; <see cref="Optimizer.LearningRate"/> starts at their learning rate and may then change.</summary>
    public SgdOptions Options { get; }

    /// <summary>One SGD update of every parameter that has a gradient.</summary>
    public override void Step()
    {
        double lr = LearningRate, mu = Options.Momentum, decay = Options.WeightDecay;
        for (int k = 0; k < Parameters.Count; k++)
        {
            if (Parameters[k].Grad is not { } grad)
            {
                continue;
            }

            Span<double> p = Parameters[k].Value.Data, v = _velocity[k].Data;
            ReadOnlySpan<double> g = grad.Data;
            for (int i = 0; i < p.Length; i++)
            {
                double gi = g[i] + (decay * p[i]);
                if (mu != 0)
                {
                    v[i] = (mu * v[i]) + gi;
                    gi = Options.Nesterov ? gi + (mu * v[i]) : v[i];
                }

                p[i] -= lr * gi;
            }
        }

        StepCount++;
    }
}
