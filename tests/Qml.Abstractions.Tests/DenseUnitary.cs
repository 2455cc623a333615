using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Tests;

/// <summary>The full 2^n×2^n unitary of a small bound circuit, built column by column.</summary>
internal static class DenseUnitary
{
    public static Complex[,] Of(Circuit circuit, params double[] symbolValues)
    {
        var n = circuit.QubitCount;
        var dimension = 1 << n;
        var result = new Complex[dimension, dimension];
        for (var column = 0; column < dimension; column++)
        {
            var state = new Complex[dimension];
            state[column] = 1;
            foreach (var operation in circuit.Operations)
            {
                if (operation.Kind == OperationKind.Barrier)
                {
                    continue;
                }

                state = Apply(operation, state, symbolValues);
            }

            var phase = Complex.FromPolarCoordinates(1, circuit.GlobalPhase.Evaluate(symbolValues));
            for (var row = 0; row < dimension; row++)
            {
                result[row, column] = phase * state[row];
            }
        }

        return result;
    }

    public static double MaxDifference(Complex[,] a, Complex[,] b)
    {
        var worst = 0.0;
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                worst = Math.Max(worst, (a[i, j] - b[i, j]).Magnitude);
            }
        }

        return worst;
    }

    private static Complex[] Apply(Operation operation, Complex[] state, double[] symbolValues)
    {
        Complex[] matrix;
        if (operation.Kind == OperationKind.Unitary)
        {
            matrix = [.. operation.Matrix!.Entries];
        }
        else
        {
            var angles = new double[operation.Angles.Length];
            operation.EvaluateAngles(symbolValues, angles);
            matrix = GateMatrices.Create(operation.Kind, angles);
        }

        var k = operation.Qubits.Length;
        var local = 1 << k;
        var output = new Complex[state.Length];
        for (var index = 0; index < state.Length; index++)
        {
            var row = 0;
            for (var j = 0; j < k; j++)
            {
                row |= ((index >> operation.Qubits[j]) & 1) << j;
            }

            for (var column = 0; column < local; column++)
            {
                var source = index;
                for (var j = 0; j < k; j++)
                {
                    source = (source & ~(1 << operation.Qubits[j])) | (((column >> j) & 1) << operation.Qubits[j]);
                }

                output[index] += matrix[(row * local) + column] * state[source];
            }
        }

        return output;
    }
}
