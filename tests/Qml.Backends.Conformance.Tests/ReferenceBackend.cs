using System.Diagnostics;
using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance.Tests;

/// <summary>
/// A backend made of the <see cref="ReferenceSimulator"/>: it proves the conformance suite right.
/// Samples are drawn one trajectory per shot; gradients are adjoint (exact derivative matrices
/// from <see cref="GateMatrices.FillDerivative"/>), never finite differences.
/// </summary>
internal sealed class ReferenceBackend(Capabilities capabilities) : IDifferentiableBackend
{
    public const string Name = "reference";

    /// <summary>Everything the reference can do.</summary>
    public static Capabilities Full { get; } = new()
    {
        MaxQubits = ReferenceSimulator.MaxQubits,
        ExactExpectations = true,
        StateAccess = true,
        MidCircuitMeasurement = true,
        GradientMethods = GradientMethods.Adjoint | GradientMethods.ParameterShift | GradientMethods.FiniteDifference,
    };

    public BackendInfo Info { get; } = new(Name, "1.0", "Plain dense statevector oracle of the conformance suite.", capabilities);

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var prepared = RequestValidator.Prepare(request, Info);
        var circuit = prepared.Circuit;
        var rows = prepared.Rows;
        var outputs = prepared.Outputs;
        var dimension = 1 << circuit.QubitCount;
        var probabilityQubits = prepared.ResolvedProbabilityQubits.ToArray();
        var expectations = outputs.HasFlag(ResultKinds.Expectations) ? new ResultMatrix<double>(rows, prepared.Observables.Length) : null;
        var probabilities = outputs.HasFlag(ResultKinds.Probabilities) ? new ResultMatrix<double>(rows, 1 << probabilityQubits.Length) : null;
        var states = outputs.HasFlag(ResultKinds.State) ? new ResultMatrix<Complex>(rows, dimension) : null;
        var samples = outputs.HasFlag(ResultKinds.Samples) ? new SampleTable(rows, prepared.Shots, ReferenceSimulator.SampleBitCount(circuit)) : null;
        for (var row = 0; row < rows; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var symbols = prepared.Bindings.Row(row);
            if (samples is not null)
            {
                var random = new Random(unchecked((int)(prepared.Seed ^ (prepared.Seed >> 32)) + row));
                for (var shot = 0; shot < prepared.Shots; shot++)
                {
                    samples.Shot(row, shot)[0] = ReferenceSimulator.RunShot(circuit, symbols, random);
                }
            }

            if (outputs == ResultKinds.Samples)
            {
                continue;
            }

            var state = ReferenceSimulator.Run(circuit, symbols);
            if (states is not null)
            {
                state.CopyTo(states.Row(row));
            }

            if (probabilities is not null)
            {
                ReferenceSimulator.Probabilities(state, probabilityQubits).CopyTo(probabilities.Row(row));
            }

            for (var o = 0; expectations is not null && o < prepared.Observables.Length; o++)
            {
                expectations[row, o] = ReferenceSimulator.Expectation(state, prepared.Observables[o]);
            }
        }

        return Task.FromResult(new ExecutionResult
        {
            Expectations = expectations,
            Probabilities = probabilities,
            States = states,
            Samples = samples,
            Diagnostics = new ExecutionDiagnostics(Name, watch.Elapsed, ShotsUsed: samples is null ? 0 : (long)rows * prepared.Shots),
        });
    }

    public Task<GradientResult> VectorJacobianAsync(ExecutionRequest request, ResultMatrix<double> upstream, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var prepared = RequestValidator.PrepareGradient(request, upstream, Info);
        var circuit = prepared.Circuit;
        var expectations = new ResultMatrix<double>(prepared.Rows, prepared.Observables.Length);
        var gradients = new ResultMatrix<double>(prepared.Rows, circuit.Symbols.Length);
        for (var row = 0; row < prepared.Rows; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var symbols = prepared.Bindings.Row(row);
            var state = ReferenceSimulator.Run(circuit, symbols);
            var weighted = new List<PauliTerm>();
            for (var o = 0; o < prepared.Observables.Length; o++)
            {
                expectations[row, o] = ReferenceSimulator.Expectation(state, prepared.Observables[o]);
                weighted.AddRange(prepared.Observables[o].Terms.Select(t => t with { Coefficient = t.Coefficient * upstream[row, o] }));
            }

            AdjointGradient.Accumulate(circuit, symbols, state, new Observable(weighted), gradients.Row(row));
        }

        return Task.FromResult(new GradientResult(expectations, gradients, new ExecutionDiagnostics(Name, watch.Elapsed)));
    }

    public void Dispose()
    {
    }
}
