using Qml.Learning.Tensors;

namespace Qml.Learning.Optimizers;

/// <summary>
/// Updates parameters in place. Gradient-based optimizers read the gradients the caller's
/// backward pass left on the parameters; methods that must evaluate the loss themselves (L-BFGS,
/// line searches, gradient-free methods) use <see cref="Step(Func{double})"/>.
/// </summary>
public interface IOptimizer
{
    /// <summary>The step size of the next update (finite, ≥ 0); schedules set it between epochs.</summary>
    double LearningRate { get; set; }

    /// <summary>Clears the gradients of every parameter.</summary>
    void ZeroGrad();

    /// <summary>One update from the current gradients.</summary>
    void Step();

    /// <summary>
    /// One update given a closure that clears the gradients, recomputes the loss, runs backward
    /// and returns the loss; the optimizer may call it any number of times. Returns the loss of the
    /// first evaluation (before the update). By default: evaluate once, then <see cref="Step()"/>.
    /// </summary>
    double Step(Func<double> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        double loss = closure();
        Step();
        return loss;
    }

    /// <summary>
    /// Everything the optimizer will use in later steps, as named tensors (the step count and
    /// learning rate as scalars; per-parameter buffers as "{index}.{name}" with the index in
    /// parameter order). Restoring it with <see cref="LoadState"/> continues bit-identically.
    /// The tensors are copies.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> State { get; }

    /// <summary>Restores a <see cref="State"/>; rejects missing, unknown or misshapen entries, naming them.</summary>
    void LoadState(IReadOnlyDictionary<string, Tensor> state);
}
