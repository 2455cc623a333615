using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;

namespace Qml.Learning.Quantum;

/// <summary>
/// Vector-Jacobian products of a batched expectation request on any backend: the backend's own
/// (adjoint) when it has one, else exact parameter shifts or central differences through
/// <see cref="IBackend.ExecuteAsync"/>. Gradients reach symbols through the chain rule of each
/// affine angle.
/// </summary>
public static class QuantumGradients
{
    /// <summary>Step of central finite differences: balances truncation (h²) and rounding (ε/h).</summary>
    public const double FiniteDifferenceStep = 1e-5;

    /// <summary>The method <paramref name="requested"/> resolves to on <paramref name="backend"/>.</summary>
    public static DifferentiationMethod Resolve(DifferentiationMethod requested, IBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var adjoint = backend is IDifferentiableBackend;
        return requested switch
        {
            DifferentiationMethod.Auto => adjoint ? DifferentiationMethod.Adjoint : DifferentiationMethod.ParameterShift,
            DifferentiationMethod.Adjoint when !adjoint => throw new QmlException(
                $"backend '{backend.Info.Name}' has no adjoint differentiation; use --diff parameter-shift or finite-diff."),
            _ => requested,
        };
    }

    /// <summary>
    /// Returns B×P: row b holds Σ_o upstream[b,o]·∂⟨O_o⟩_b/∂symbol_p for the request's circuit,
    /// bindings and observables.
    /// </summary>
    public static async Task<ResultMatrix<double>> VectorJacobianAsync(
        IBackend backend,
        ExecutionRequest request,
        ResultMatrix<double> upstream,
        DifferentiationMethod method,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(upstream);
        if (upstream.Rows != request.Rows || upstream.Columns != request.Observables.Length)
        {
            throw new ArgumentException($"The upstream gradient is {upstream.Rows}×{upstream.Columns}; the request needs {request.Rows}×{request.Observables.Length}.", nameof(upstream));
        }

        request = request with { Outputs = ResultKinds.Expectations };
        return Resolve(method, backend) switch
        {
            DifferentiationMethod.Adjoint => (await ((IDifferentiableBackend)backend).VectorJacobianAsync(request, upstream, cancellationToken).ConfigureAwait(false)).SymbolGradients,
            DifferentiationMethod.ParameterShift => await ParameterShiftAsync(backend, request, upstream, cancellationToken).ConfigureAwait(false),
            _ => await FiniteDifferenceAsync(backend, request, upstream, cancellationToken).ConfigureAwait(false),
        };
    }

    private static async Task<ResultMatrix<double>> ParameterShiftAsync(IBackend backend, ExecutionRequest request, ResultMatrix<double> upstream, CancellationToken cancellationToken)
    {
        var circuit = request.Circuit;
        var rows = request.Rows;
        var gradients = new ResultMatrix<double>(rows, circuit.Symbols.Length);
        var operations = circuit.Operations;
        for (var index = 0; index < operations.Length; index++)
        {
            var operation = operations[index];
            for (var k = 0; k < operation.Angles.Length; k++)
            {
                var angle = operation.Angles[k];
                if (angle.IsConstant)
                {
                    continue;
                }

                // ∂L/∂θ for this one angle occurrence, per row.
                var angleGradient = new double[rows];
                foreach (var (coefficient, shift) in ShiftRule.For(operation.Kind))
                {
                    var plus = await ExpectationsAsync(backend, request with { Circuit = Shifted(circuit, index, k, shift) }, cancellationToken).ConfigureAwait(false);
                    var minus = await ExpectationsAsync(backend, request with { Circuit = Shifted(circuit, index, k, -shift) }, cancellationToken).ConfigureAwait(false);
                    Accumulate(angleGradient, plus, minus, upstream, coefficient);
                }

                foreach (var term in angle.Terms)
                {
                    for (var b = 0; b < rows; b++)
                    {
                        gradients[b, term.Symbol] += term.Coefficient * angleGradient[b];
                    }
                }
            }
        }

        return gradients;
    }

    private static async Task<ResultMatrix<double>> FiniteDifferenceAsync(IBackend backend, ExecutionRequest request, ResultMatrix<double> upstream, CancellationToken cancellationToken)
    {
        var bindings = request.Bindings;
        var rows = request.Rows;
        var gradients = new ResultMatrix<double>(rows, bindings.Columns);
        var symbolGradient = new double[rows];
        for (var p = 0; p < bindings.Columns; p++)
        {
            var plus = await ExpectationsAsync(backend, request with { Bindings = Nudged(bindings, p, FiniteDifferenceStep) }, cancellationToken).ConfigureAwait(false);
            var minus = await ExpectationsAsync(backend, request with { Bindings = Nudged(bindings, p, -FiniteDifferenceStep) }, cancellationToken).ConfigureAwait(false);
            Array.Clear(symbolGradient);
            Accumulate(symbolGradient, plus, minus, upstream, 1.0 / (2 * FiniteDifferenceStep));
            for (var b = 0; b < rows; b++)
            {
                gradients[b, p] = symbolGradient[b];
            }
        }

        return gradients;
    }

    /// <summary>target[b] += c · Σ_o upstream[b,o]·(plus[b,o] − minus[b,o]).</summary>
    private static void Accumulate(double[] target, ResultMatrix<double> plus, ResultMatrix<double> minus, ResultMatrix<double> upstream, double coefficient)
    {
        for (var b = 0; b < target.Length; b++)
        {
            var sum = 0.0;
            for (var o = 0; o < upstream.Columns; o++)
            {
                sum += upstream[b, o] * (plus[b, o] - minus[b, o]);
            }

            target[b] += coefficient * sum;
        }
    }

    private static async Task<ResultMatrix<double>> ExpectationsAsync(IBackend backend, ExecutionRequest request, CancellationToken cancellationToken)
    {
        var result = await backend.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Expectations ?? throw new QmlException($"backend '{backend.Info.Name}' returned no expectations for a gradient evaluation.");
    }

    private static Circuit Shifted(Circuit circuit, int operationIndex, int angleIndex, double shift)
    {
        var operation = circuit.Operations[operationIndex];
        var angles = operation.Angles.SetItem(angleIndex, operation.Angles[angleIndex] + shift);
        return circuit.WithOperations(circuit.Operations.SetItem(operationIndex, operation.WithAngles(angles)));
    }

    private static BindingTable Nudged(BindingTable bindings, int column, double delta)
    {
        var values = bindings.Values.ToArray();
        for (var b = 0; b < bindings.Rows; b++)
        {
            values[(b * bindings.Columns) + column] += delta;
        }

        return new BindingTable(bindings.Rows, bindings.Columns, values);
    }
}
