using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Qasm.Semantics;

/// <summary>Dense matrices of small gate sequences, for modifiers on constant gates.</summary>
internal static class MatrixMath
{
    /// <summary>The matrix of one constant operation (little-endian in its own qubits).</summary>
    public static Complex[] OperationMatrix(Operation operation)
    {
        if (operation.Kind == OperationKind.Unitary)
        {
            return [.. operation.Matrix!.Entries];
        }

        Span<double> angles = stackalloc double[operation.Angles.Length];
        for (var i = 0; i < angles.Length; i++)
        {
            angles[i] = operation.Angles[i].Constant;
        }

        return GateMatrices.Create(operation.Kind, angles);
    }

    /// <summary>e^{i·phase} times the product of the operations, on <paramref name="width"/> qubits.</summary>
    public static Complex[] SequenceMatrix(IReadOnlyList<Operation> operations, double phase, int width)
    {
        var dimension = 1 << width;
        var matrix = new Complex[dimension * dimension];
        for (var i = 0; i < dimension; i++)
        {
            matrix[(i * dimension) + i] = Complex.FromPolarCoordinates(1, phase);
        }

        var column = new Complex[dimension];
        foreach (var operation in operations)
        {
            if (operation.Kind == OperationKind.Barrier)
            {
                continue;
            }

            var gate = OperationMatrix(operation);
            for (var c = 0; c < dimension; c++)
            {
                for (var r = 0; r < dimension; r++)
                {
                    column[r] = matrix[(r * dimension) + c];
                }

                Apply(gate, operation.Qubits.AsSpan(), column);
                for (var r = 0; r < dimension; r++)
                {
                    matrix[(r * dimension) + c] = column[r];
                }
            }
        }

        return matrix;
    }

    /// <summary>Applies a k-qubit gate (bit j of its index is qubits[j]) to a state vector.</summary>
    public static void Apply(ReadOnlySpan<Complex> gate, ReadOnlySpan<int> qubits, Span<Complex> state)
    {
        var k = qubits.Length;
        var size = 1 << k;
        Span<int> offsets = stackalloc int[size];
        var mask = 0;
        for (var j = 0; j < k; j++)
        {
            mask |= 1 << qubits[j];
        }

        for (var local = 0; local < size; local++)
        {
            var offset = 0;
            for (var j = 0; j < k; j++)
            {
                if ((local & (1 << j)) != 0)
                {
                    offset |= 1 << qubits[j];
                }
            }

            offsets[local] = offset;
        }

        Span<Complex> input = stackalloc Complex[size];
        for (var basis = 0; basis < state.Length; basis++)
        {
            if ((basis & mask) != 0)
            {
                continue;
            }

            for (var i = 0; i < size; i++)
            {
                input[i] = state[basis | offsets[i]];
            }

            for (var r = 0; r < size; r++)
            {
                Complex sum = 0;
                for (var c = 0; c < size; c++)
                {
                    sum += gate[(r * size) + c] * input[c];
                }

                state[basis | offsets[r]] = sum;
            }
        }
    }

    /// <summary>|0⟩⟨0|⊗I + |1⟩⟨1|⊗U with the control as bit 0 and U's qubits shifted up by one.</summary>
    public static Complex[] Controlled(ReadOnlySpan<Complex> u, int width)
    {
        var d = 1 << width;
        var n = 2 * d;
        var result = new Complex[n * n];
        for (var r = 0; r < d; r++)
        {
            result[((r << 1) * n) + (r << 1)] = 1;
            for (var c = 0; c < d; c++)
            {
                result[(((r << 1) | 1) * n) + ((c << 1) | 1)] = u[(r * d) + c];
            }
        }

        return result;
    }

    public static Complex[] Adjoint(ReadOnlySpan<Complex> u)
    {
        var d = (int)Math.Round(Math.Sqrt(u.Length));
        var result = new Complex[u.Length];
        for (var r = 0; r < d; r++)
        {
            for (var c = 0; c < d; c++)
            {
                result[(c * d) + r] = Complex.Conjugate(u[(r * d) + c]);
            }
        }

        return result;
    }
}
