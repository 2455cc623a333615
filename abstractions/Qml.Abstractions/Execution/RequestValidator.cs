using Qml.Abstractions.Decomposition;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Execution;

/// <summary>
/// The one shared step between a request and a backend: checks the request against the
/// backend's declared <see cref="Capabilities"/> and decomposes the circuit to its native gates.
/// Backends call <see cref="Prepare"/> first and write no validation of their own.
/// </summary>
public static class RequestValidator
{
    /// <summary>Validates and returns the request with a native circuit.</summary>
    /// <exception cref="BackendException">The request does not fit the capabilities; the message says why and what would.</exception>
    public static ExecutionRequest Prepare(ExecutionRequest request, BackendInfo backend)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(backend);
        var name = backend.Name;
        var caps = backend.Capabilities;
        var circuit = request.Circuit;
        if (circuit.QubitCount > caps.MaxQubits)
        {
            throw new BackendException(name, $"the circuit has {circuit.QubitCount} qubits; this backend supports at most {caps.MaxQubits}.");
        }

        if (request.Bindings.Columns != circuit.Symbols.Length)
        {
            var names = string.Join(", ", circuit.Symbols.Select(s => s.Name));
            throw new BackendException(name, $"the binding table has {request.Bindings.Columns} column(s); the circuit has {circuit.Symbols.Length} symbol(s) ({names}).");
        }

        var outputs = request.Outputs;
        if (outputs == ResultKinds.None)
        {
            throw new BackendException(name, "the request asks for no output; set Outputs to expectations, probabilities, samples and/or state.");
        }

        if (outputs.HasFlag(ResultKinds.Expectations))
        {
            if (request.Observables.IsDefaultOrEmpty)
            {
                throw new BackendException(name, "expectations were requested without observables.");
            }

            for (var i = 0; i < request.Observables.Length; i++)
            {
                var max = request.Observables[i].MaxQubit;
                if (max >= circuit.QubitCount)
                {
                    throw new BackendException(name, $"observable {i} ({request.Observables[i]}) acts on qubit {max}; the circuit has qubits 0..{circuit.QubitCount - 1}.");
                }
            }
        }

        if (outputs.HasFlag(ResultKinds.Probabilities))
        {
            Require(caps.Probabilities, name, "probabilities");
            var qubits = request.ResolvedProbabilityQubits;
            if (qubits.Length > 30)
            {
                throw new BackendException(name, $"probabilities over {qubits.Length} qubits would hold 2^{qubits.Length} values; ask for at most 30 qubits (ProbabilityQubits) or for samples.");
            }

            if (qubits.Any(q => q < 0 || q >= circuit.QubitCount) || qubits.Distinct().Count() != qubits.Length)
            {
                throw new BackendException(name, $"probability qubits [{string.Join(", ", qubits)}] must be distinct qubits of 0..{circuit.QubitCount - 1}.");
            }
        }

        if (outputs.HasFlag(ResultKinds.Samples))
        {
            Require(caps.Sampling, name, "samples");
            if (request.Shots <= 0)
            {
                throw new BackendException(name, $"samples were requested with {request.Shots} shots; set Shots to a positive number.");
            }
        }

        if (outputs.HasFlag(ResultKinds.State))
        {
            Require(caps.StateAccess, name, "the state vector");
        }

        if (circuit.HasMidCircuitMeasurement)
        {
            if (!caps.MidCircuitMeasurement)
            {
                throw new BackendException(name, "the circuit measures, resets or branches on bits before its last gate; this backend runs only terminal measurements.");
            }

            if (outputs != ResultKinds.Samples)
            {
                throw new BackendException(name, "a circuit with mid-circuit measurement, reset or conditions has no single final state; ask for samples only.");
            }
        }

        circuit = WithoutInitialResets(circuit);
        Circuits.Circuit native;
        try
        {
            native = CircuitDecomposer.Decompose(circuit, caps.NativeGates);
        }
        catch (QmlException e)
        {
            throw new BackendException(name, e.Message, e);
        }

        return ReferenceEquals(native, request.Circuit) ? request : request with { Circuit = native };
    }

    /// <summary>Drops resets that do nothing (see <see cref="Circuits.Circuit.NoOpResets"/>).</summary>
    private static Circuits.Circuit WithoutInitialResets(Circuits.Circuit circuit)
    {
        var noOp = circuit.NoOpResets();
        if (!noOp.Contains(true))
        {
            return circuit;
        }

        return circuit.WithOperations(circuit.Operations.Where((_, index) => !noOp[index]));
    }

    /// <summary>Extra checks for a vector-Jacobian product request.</summary>
    public static ExecutionRequest PrepareGradient(ExecutionRequest request, ResultMatrix<double> upstream, BackendInfo backend)
    {
        var prepared = Prepare(request with { Outputs = ResultKinds.Expectations }, backend);
        if (upstream.Rows != request.Rows || upstream.Columns != request.Observables.Length)
        {
            throw new BackendException(backend.Name, $"the upstream gradient is {upstream.Rows}×{upstream.Columns}; it must be {request.Rows}×{request.Observables.Length} (rows × observables).");
        }

        if (prepared.Circuit.Operations.Any(o => !o.Definition.IsUnitary && o.Kind != OperationKind.Barrier))
        {
            throw new BackendException(backend.Name, "gradients need a unitary circuit; remove measurements and resets (expectations are taken at the end).");
        }

        return prepared;
    }

    private static void Require(bool supported, string backend, string what)
    {
        if (!supported)
        {
            throw new BackendException(backend, $"this backend cannot return {what}; see `qml backends` for its capabilities.");
        }
    }
}
