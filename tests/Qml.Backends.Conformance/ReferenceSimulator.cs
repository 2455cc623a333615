using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Conformance;

/// <summary>
/// A deliberately plain dense statevector simulator used as the oracle of the conformance
/// suite: every operation is applied by extracting its qubits' bits from every basis index,
/// with no fast paths, so it is easy to read and hard to get subtly wrong.
/// Amplitude index bit i is qubit i (Qiskit order).
/// </summary>
public static partial class ReferenceSimulator
{
    /// <summary>Largest register the reference handles.</summary>
    public const int MaxQubits = 16;

    /// <summary>|0…0⟩ on <paramref name="qubitCount"/> qubits.</summary>
    public static Complex[] ZeroState(int qubitCount)
    {
        if (qubitCount is < 0 or > MaxQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), $"The reference simulates 0..{MaxQubits} qubits; got {qubitCount}.");
        }

        var state = new Complex[1 << qubitCount];
        state[0] = Complex.One;
        return state;
    }

    /// <summary>
    /// Applies a 2^k×2^k row-major matrix (not necessarily unitary) to <paramref name="qubits"/>:
    /// bit j of the matrix index is the state of qubits[j].
    /// </summary>
    public static void ApplyMatrix(Complex[] state, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> qubits)
    {
        var k = qubits.Length;
        var dimension = 1 << k;
        if (matrix.Length != dimension * dimension)
        {
            throw new ArgumentException($"A matrix on {k} qubit(s) needs {dimension * dimension} entries; got {matrix.Length}.", nameof(matrix));
        }

        var mask = 0;
        foreach (var qubit in qubits)
        {
            mask |= 1 << qubit;
        }

        // For every basis index whose operand bits are all 0, gather the 2^k amplitudes that
        // differ only in those bits (bit j of the local index ↔ qubits[j]), multiply, scatter.
        var indices = new int[dimension];
        var input = new Complex[dimension];
        for (var baseIndex = 0; baseIndex < state.Length; baseIndex++)
        {
            if ((baseIndex & mask) != 0)
            {
                continue;
            }

            for (var local = 0; local < dimension; local++)
            {
                var index = baseIndex;
                for (var j = 0; j < k; j++)
                {
                    index |= ((local >> j) & 1) << qubits[j];
                }

                indices[local] = index;
                input[local] = state[index];
            }

            for (var row = 0; row < dimension; row++)
            {
                var sum = Complex.Zero;
                for (var column = 0; column < dimension; column++)
                {
                    sum += matrix[(row * dimension) + column] * input[column];
                }

                state[indices[row]] = sum;
            }
        }
    }

    /// <summary>The matrix of a unitary operation for one row of symbol values.</summary>
    public static Complex[] MatrixOf(Operation operation, ReadOnlySpan<double> symbolValues)
    {
        if (operation.Kind == OperationKind.Unitary)
        {
            return [.. operation.Matrix!.Entries];
        }

        var angles = new double[operation.Angles.Length];
        operation.EvaluateAngles(symbolValues, angles);
        return GateMatrices.Create(operation.Kind, angles);
    }

    /// <summary>Applies a unitary operation (a barrier does nothing); ignores its condition.</summary>
    public static void ApplyUnitary(Complex[] state, Operation operation, ReadOnlySpan<double> symbolValues)
    {
        if (operation.Kind == OperationKind.Barrier)
        {
            return;
        }

        if (!operation.Definition.IsUnitary)
        {
            throw new ArgumentException($"'{operation}' is not unitary; use a trajectory.", nameof(operation));
        }

        ApplyMatrix(state, MatrixOf(operation, symbolValues), operation.Qubits.AsSpan());
    }

    /// <summary>
    /// The final state of the circuit's unitary part (measurements are ignored, so terminal
    /// measurements read this state), including the global phase.
    /// </summary>
    public static Complex[] Run(Circuit circuit, ReadOnlySpan<double> symbolValues) =>
        Run(circuit, symbolValues, ZeroState(circuit.QubitCount));

    /// <summary>As <see cref="Run(Circuit, ReadOnlySpan{double})"/> from a given start state (copied).</summary>
    public static Complex[] Run(Circuit circuit, ReadOnlySpan<double> symbolValues, Complex[] initial)
    {
        if (initial.Length != 1 << circuit.QubitCount)
        {
            throw new ArgumentException($"A {circuit.QubitCount}-qubit state has {1 << circuit.QubitCount} amplitudes; got {initial.Length}.", nameof(initial));
        }

        var state = (Complex[])initial.Clone();
        foreach (var operation in circuit.Operations)
        {
            if (operation.Kind != OperationKind.Measure)
            {
                ApplyUnitary(state, operation, symbolValues);
            }
        }

        var phase = Complex.FromPolarCoordinates(1.0, circuit.GlobalPhase.Evaluate(symbolValues));
        for (var i = 0; i < state.Length; i++)
        {
            state[i] *= phase;
        }

        return state;
    }
}
