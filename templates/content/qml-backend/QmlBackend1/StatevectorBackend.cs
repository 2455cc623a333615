using System.Diagnostics;
using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;

namespace QmlBackend1;

/// <summary>
/// A dense statevector over the gates <see cref="BackendFactory.Capabilities"/> declares
/// (U, CX, unitaries, terminal measurements): amplitude index bit i is qubit i. Replace the body of
/// <see cref="Simulate"/> with your own simulator or device; keep the request handling.
/// </summary>
public sealed class StatevectorBackend(BackendInfo info) : IBackend
{
    /// <inheritdoc />
    public BackendInfo Info { get; } = info;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();

        // The one shared validation step: checks capabilities and decomposes to the native gates.
        var prepared = RequestValidator.Prepare(request, Info);
        var circuit = prepared.Circuit;
        var rows = prepared.Rows;
        var outputs = prepared.Outputs;
        var probabilityQubits = prepared.ResolvedProbabilityQubits;
        var measured = MeasuredBits(circuit);
        var sampleBits = circuit.HasMeasurements ? circuit.ClassicalBitCount : circuit.QubitCount;

        var expectations = outputs.HasFlag(ResultKinds.Expectations) ? new ResultMatrix<double>(rows, prepared.Observables.Length) : null;
        var probabilities = outputs.HasFlag(ResultKinds.Probabilities) ? new ResultMatrix<double>(rows, 1 << probabilityQubits.Length) : null;
        var states = outputs.HasFlag(ResultKinds.State) ? new ResultMatrix<Complex>(rows, 1 << circuit.QubitCount) : null;
        var samples = outputs.HasFlag(ResultKinds.Samples) ? new SampleTable(rows, prepared.Shots, sampleBits) : null;

        for (var row = 0; row < rows; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = Simulate(circuit, prepared.Bindings.Row(row));
            if (expectations is not null)
            {
                for (var o = 0; o < prepared.Observables.Length; o++)
                {
                    expectations[row, o] = Expectation(state, prepared.Observables[o]);
                }
            }

            if (probabilities is not null)
            {
                Marginal(state, probabilityQubits, probabilities.Row(row));
            }

            if (states is not null)
            {
                state.CopyTo(states.Row(row));
            }
            if (samples is not null)
            {
                Sample(state, prepared, row, measured, samples);
            }
        }

        return Task.FromResult(new ExecutionResult
        {
            Expectations = expectations,
            Probabilities = probabilities,
            States = states,
            Samples = samples,
            Diagnostics = new ExecutionDiagnostics(Info.Name, watch.Elapsed, Threads: 1, ShotsUsed: samples is null ? 0 : (long)rows * prepared.Shots),
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>Runs the unitary part of a native circuit on |0…0⟩ for one row of bindings.</summary>
    internal static Complex[] Simulate(Circuit circuit, ReadOnlySpan<double> bindings)
    {
        var state = new Complex[1 << circuit.QubitCount];
        state[0] = Complex.FromPolarCoordinates(1, circuit.GlobalPhase.Evaluate(bindings));
        Span<double> angles = stackalloc double[3];
        var matrix = new Complex[1 << (2 * BackendFactory.MaxUnitaryQubits)];
        foreach (var operation in circuit.Operations)
        {
            switch (operation.Kind)
            {
                case OperationKind.Barrier or OperationKind.Measure:
                    continue;
                case OperationKind.U or OperationKind.CX:
                    var count = operation.Angles.Length;
                    operation.EvaluateAngles(bindings, angles[..count]);
                    GateMatrices.Fill(operation.Kind, angles[..count], matrix);
                    Apply(state, matrix, operation.Qubits.AsSpan());
                    break;
                case OperationKind.Unitary:
                    operation.Matrix!.Entries.AsSpan().CopyTo(matrix);
                    Apply(state, matrix, operation.Qubits.AsSpan());
                    break;
                default:
                    throw new BackendException(BackendFactory.BackendName, $"operation '{operation.Definition.Name}' is not native here; it should have been decomposed.");
            }
        }

        return state;
    }

    /// <summary>Applies a 2^k × 2^k matrix (row-major, local index bit j = qubits[j]) to the listed qubits.</summary>
    private static void Apply(Complex[] state, Complex[] matrix, ReadOnlySpan<int> qubits)
    {
        var k = qubits.Length;
        var dimension = 1 << k;
        var mask = 0;
        foreach (var q in qubits)
        {
            mask |= 1 << q;
        }

        Span<int> index = stackalloc int[dimension];
        Span<Complex> local = stackalloc Complex[dimension];
        for (var basis = 0; basis < state.Length; basis++)
        {
            if ((basis & mask) != 0)
            {
                continue;
            }

            for (var l = 0; l < dimension; l++)
            {
                var i = basis;
                for (var j = 0; j < k; j++)
                {
                    if ((l >> j & 1) == 1)
                    {
                        i |= 1 << qubits[j];
                    }
                }

                index[l] = i;
                local[l] = state[i];
            }

            for (var r = 0; r < dimension; r++)
            {
                var sum = Complex.Zero;
                for (var c = 0; c < dimension; c++)
                {
                    sum += matrix[(r * dimension) + c] * local[c];
                }

                state[index[r]] = sum;
            }
        }
    }

    /// <summary>⟨ψ|O|ψ⟩ for a sum of Pauli strings.</summary>
    private static double Expectation(Complex[] state, Observable observable)
    {
        var total = 0.0;
        foreach (var term in observable.Terms)
        {
            var flip = 0;
            foreach (var (qubit, pauli) in term.Pauli.Factors)
            {
                if (pauli is Pauli.X or Pauli.Y)
                {
                    flip |= 1 << qubit;
                }
            }

            var sum = Complex.Zero;
            for (var i = 0; i < state.Length; i++)
            {
                // P|i⟩ = phase·|i ^ flip⟩, so ⟨ψ|P|ψ⟩ = Σ conj(ψ[i ^ flip])·phase·ψ[i].
                var phase = Complex.One;
                foreach (var (qubit, pauli) in term.Pauli.Factors)
                {
                    var bit = (i >> qubit) & 1;
                    phase *= pauli switch
                    {
                        Pauli.Z => bit == 0 ? 1 : -1,
                        Pauli.Y => bit == 0 ? Complex.ImaginaryOne : -Complex.ImaginaryOne,
                        _ => Complex.One,
                    };
                }

                sum += Complex.Conjugate(state[i ^ flip]) * phase * state[i];
            }

            total += term.Coefficient * sum.Real;
        }

        return total;
    }

    private static void Marginal(Complex[] state, IReadOnlyList<int> qubits, Span<double> destination)
    {
        destination.Clear();
        for (var i = 0; i < state.Length; i++)
        {
            destination[Outcome(i, qubits)] += state[i].Real * state[i].Real + state[i].Imaginary * state[i].Imaginary;
        }
    }

    private static int Outcome(int basis, IReadOnlyList<int> qubits)
    {
        var outcome = 0;
        for (var j = 0; j < qubits.Count; j++)
        {
            outcome |= ((basis >> qubits[j]) & 1) << j;
        }

        return outcome;
    }

    /// <summary>Which qubit each classical bit reads (terminal measurements), or null when the circuit does not measure.</summary>
    private static int[]? MeasuredBits(Circuit circuit)
    {
        if (!circuit.HasMeasurements)
        {
            return null;
        }

        var bits = Enumerable.Repeat(-1, circuit.ClassicalBitCount).ToArray();
        foreach (var operation in circuit.Operations.Where(o => o.Kind == OperationKind.Measure))
        {
            bits[operation.ClassicalBits[0]] = operation.Qubits[0];
        }

        return bits;
    }

    /// <summary>Draws the row's shots from its own stream, seeded by (seed, row): independent of batch size.</summary>
    private static void Sample(Complex[] state, ExecutionRequest request, int row, int[]? measured, SampleTable samples)
    {
        var cumulative = new double[state.Length];
        var running = 0.0;
        for (var i = 0; i < state.Length; i++)
        {
            running += state[i].Real * state[i].Real + state[i].Imaginary * state[i].Imaginary;
            cumulative[i] = running;
        }

        // A fixed mix (not HashCode, which is randomised per process) keeps runs reproducible.
        var mixed = (request.Seed + 1) * 0x9E3779B97F4A7C15UL ^ ((ulong)row * 0xBF58476D1CE4E5B9UL);
        var random = new Random((int)(mixed ^ (mixed >> 32)));
        for (var shot = 0; shot < samples.Shots; shot++)
        {
            var basis = Array.BinarySearch(cumulative, random.NextDouble() * running);
            basis = Math.Min(basis < 0 ? ~basis : basis, state.Length - 1);
            var words = samples.Shot(row, shot);
            for (var bit = 0; bit < samples.BitCount; bit++)
            {
                var qubit = measured is null ? bit : measured[bit];
                if (qubit >= 0 && ((basis >> qubit) & 1) == 1)
                {
                    words[bit >> 6] |= 1UL << (bit & 63);
                }
            }
        }
    }
}
