using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Cpu.Tests.Support;

/// <summary>
/// The test oracle: applies every gate by reading its qubits' bits out of every basis index,
/// with no shapes, no SIMD and no threads, so it shares nothing with the kernels but the matrices.
/// </summary>
internal static class NaiveStatevector
{
    public static Complex[] Run(Circuit circuit, ReadOnlySpan<double> symbols)
    {
        var state = new Complex[1 << circuit.QubitCount];
        state[0] = Complex.One;
        foreach (var operation in circuit.Operations)
        {
            if (!operation.Definition.IsUnitary || operation.Kind == OperationKind.Barrier)
            {
                continue;
            }

            Apply(state, Matrix(operation, symbols), [.. operation.Qubits]);
        }

        var phase = Complex.FromPolarCoordinates(1, circuit.GlobalPhase.Evaluate(symbols));
        for (var i = 0; i < state.Length; i++)
        {
            state[i] *= phase;
        }

        return state;
    }

    public static Complex[] Matrix(Operation operation, ReadOnlySpan<double> symbols)
    {
        if (operation.Kind == OperationKind.Unitary)
        {
            return [.. operation.Matrix!.Entries];
        }

        var angles = new double[operation.Angles.Length];
        operation.EvaluateAngles(symbols, angles);
        return GateMatrices.Create(operation.Kind, angles);
    }

    public static void Apply(Complex[] state, Complex[] matrix, int[] qubits)
    {
        var k = qubits.Length;
        var dimension = 1 << k;
        var result = new Complex[state.Length];
        for (var index = 0; index < state.Length; index++)
        {
            var row = 0;
            for (var j = 0; j < k; j++)
            {
                row |= ((index >> qubits[j]) & 1) << j;
            }

            for (var column = 0; column < dimension; column++)
            {
                var source = index;
                for (var j = 0; j < k; j++)
                {
                    source = (source & ~(1 << qubits[j])) | (((column >> j) & 1) << qubits[j]);
                }

                result[index] += matrix[(row * dimension) + column] * state[source];
            }
        }

        result.CopyTo(state, 0);
    }

    /// <summary>⟨ψ|O|ψ⟩ by building O|ψ⟩ factor by factor.</summary>
    public static double Expectation(Complex[] state, Observable observable)
    {
        var total = 0.0;
        foreach (var term in observable.Terms)
        {
            var applied = (Complex[])state.Clone();
            foreach (var (qubit, pauli) in term.Pauli.Factors)
            {
                var kind = pauli switch { Pauli.X => OperationKind.X, Pauli.Y => OperationKind.Y, _ => OperationKind.Z };
                Apply(applied, GateMatrices.Create(kind), [qubit]);
            }

            var inner = Complex.Zero;
            for (var i = 0; i < state.Length; i++)
            {
                inner += Complex.Conjugate(state[i]) * applied[i];
            }

            total += term.Coefficient * inner.Real;
        }

        return total;
    }

    public static Complex[] RandomState(Random random, int qubitCount)
    {
        var state = new Complex[1 << qubitCount];
        var norm = 0.0;
        for (var i = 0; i < state.Length; i++)
        {
            state[i] = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
            norm += state[i].Magnitude * state[i].Magnitude;
        }

        for (var i = 0; i < state.Length; i++)
        {
            state[i] /= Math.Sqrt(norm);
        }

        return state;
    }

    public static Complex[] RandomUnitary(Random random, int qubitCount)
    {
        // Gram–Schmidt on random complex columns gives a unitary (distribution does not matter here).
        var d = 1 << qubitCount;
        var m = new Complex[d * d];
        for (var c = 0; c < d; c++)
        {
            var column = RandomState(random, qubitCount);
            for (var p = 0; p < c; p++)
            {
                var dot = Complex.Zero;
                for (var r = 0; r < d; r++)
                {
                    dot += Complex.Conjugate(m[(r * d) + p]) * column[r];
                }

                for (var r = 0; r < d; r++)
                {
                    column[r] -= dot * m[(r * d) + p];
                }
            }

            var norm = Math.Sqrt(column.Sum(z => z.Magnitude * z.Magnitude));
            for (var r = 0; r < d; r++)
            {
                m[(r * d) + c] = column[r] / norm;
            }
        }

        return m;
    }

    public static double MaxDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        var worst = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, (a[i] - b[i]).Magnitude);
        }

        return worst;
    }
}
