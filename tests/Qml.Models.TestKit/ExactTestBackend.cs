using System.Diagnostics;
using System.Numerics;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Backends.Conformance;

namespace Qml.Models.TestKit;

/// <summary>
/// An exact statevector backend made of the conformance suite's reference simulator, so a model's
/// tests need no backend plugin: expectations and probabilities, every gate, up to
/// <see cref="ReferenceSimulator.MaxQubits"/> qubits. Quantum layers differentiate it by the
/// parameter-shift rule.
/// </summary>
public sealed class ExactTestBackend : IBackend
{
    /// <summary>The backend name models record in their cards.</summary>
    public const string BackendName = "testkit-exact";

    /// <inheritdoc />
    public BackendInfo Info { get; } = new(BackendName, "1.0", "Reference statevector of the model test kit.", new Capabilities
    {
        MaxQubits = ReferenceSimulator.MaxQubits,
        ExactExpectations = true,
        Sampling = false,
        GradientMethods = GradientMethods.ParameterShift | GradientMethods.FiniteDifference,
    });

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var prepared = RequestValidator.Prepare(request, Info);
        var rows = prepared.Rows;
        var qubits = prepared.ResolvedProbabilityQubits;
        var expectations = prepared.Outputs.HasFlag(ResultKinds.Expectations) ? new ResultMatrix<double>(rows, prepared.Observables.Length) : null;
        var probabilities = prepared.Outputs.HasFlag(ResultKinds.Probabilities) ? new ResultMatrix<double>(rows, 1 << qubits.Length) : null;
        for (var row = 0; row < rows; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = ReferenceSimulator.Run(prepared.Circuit, prepared.Bindings.Row(row));
            for (var o = 0; expectations is not null && o < prepared.Observables.Length; o++)
            {
                expectations[row, o] = Expectation(state, prepared.Observables[o]);
            }

            if (probabilities is not null)
            {
                var destination = probabilities.Row(row);
                for (var i = 0; i < state.Length; i++)
                {
                    var outcome = 0;
                    for (var j = 0; j < qubits.Length; j++)
                    {
                        outcome |= ((i >> qubits[j]) & 1) << j;
                    }

                    destination[outcome] += state[i].Magnitude * state[i].Magnitude;
                }
            }
        }

        return Task.FromResult(new ExecutionResult
        {
            Expectations = expectations,
            Probabilities = probabilities,
            Diagnostics = new ExecutionDiagnostics(BackendName, watch.Elapsed),
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static double Expectation(Complex[] state, Observable observable)
    {
        var total = 0.0;
        foreach (var term in observable.Terms)
        {
            var flip = 0;
            foreach (var (qubit, pauli) in term.Pauli.Factors)
            {
                flip |= pauli is Pauli.X or Pauli.Y ? 1 << qubit : 0;
            }

            var sum = Complex.Zero;
            for (var i = 0; i < state.Length; i++)
            {
                var phase = Complex.One;
                foreach (var (qubit, pauli) in term.Pauli.Factors)
                {
                    var one = ((i >> qubit) & 1) == 1;
                    phase *= pauli switch
                    {
                        Pauli.Z => one ? -1 : 1,
                        Pauli.Y => one ? -Complex.ImaginaryOne : Complex.ImaginaryOne,
                        _ => Complex.One,
                    };
                }

                sum += Complex.Conjugate(state[i ^ flip]) * phase * state[i];
            }

            total += term.Coefficient * sum.Real;
        }

        return total;
    }
}
