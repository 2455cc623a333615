namespace Qml.Abstractions.Execution;

/// <summary>
/// A quantum backend: it runs batched requests. Circuits are data; the backend alone decides
/// how to spread rows and amplitudes over threads or a device. Instances may hold native
/// resources, so they are disposed by whoever created them.
/// </summary>
public interface IBackend : IDisposable
{
    /// <summary>Name, version, description and capabilities of this instance; requests are validated against these capabilities.</summary>
    BackendInfo Info { get; }

    /// <summary>Runs every row of <paramref name="request"/>.</summary>
    /// <exception cref="BackendException">The request cannot run here (size, output, gate).</exception>
    Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// A backend that differentiates its own circuits (adjoint on statevectors). A backend
/// implements this interface exactly when its capabilities declare
/// <see cref="GradientMethods.Adjoint"/>; the conformance suite checks both directions.
/// </summary>
public interface IDifferentiableBackend : IBackend
{
    /// <summary>
    /// Returns, per row, the expectation values of the request's observables and the
    /// vector-Jacobian product upstream[b,:] · ∂⟨O⟩_b/∂symbols.
    /// </summary>
    /// <param name="request">A request whose outputs include expectations.</param>
    /// <param name="upstream">B×O weights (dL/d⟨O⟩).</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    Task<GradientResult> VectorJacobianAsync(ExecutionRequest request, ResultMatrix<double> upstream, CancellationToken cancellationToken = default);
}
