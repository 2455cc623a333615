using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Tests.Decomposition;

/// <summary>Matrices for the decomposition tests: Haar-random unitaries and products of gate matrices.</summary>
internal static class TestUnitaries
{
    /// <summary>Haar-random U(2^qubits): QR of a complex Gaussian matrix with R's diagonal made positive.</summary>
    public static Complex[] Haar(Random random, int qubits)
    {
        var n = 1 << qubits;
        var columns = new Complex[n][];
        for (var j = 0; j < n; j++)
        {
            var column = new Complex[n];
            for (var i = 0; i < n; i++)
            {
                column[i] = new Complex(Gaussian(random), Gaussian(random));
            }

            // Gram–Schmidt twice; dividing by the positive norm keeps R's diagonal positive.
            for (var pass = 0; pass < 2; pass++)
            {
                for (var k = 0; k < j; k++)
                {
                    Complex overlap = 0;
                    for (var i = 0; i < n; i++)
                    {
                        overlap += Complex.Conjugate(columns[k][i]) * column[i];
                    }

                    for (var i = 0; i < n; i++)
                    {
                        column[i] -= overlap * columns[k][i];
                    }
                }
            }

            var norm = Math.Sqrt(column.Sum(c => c.Magnitude * c.Magnitude));
            columns[j] = [.. column.Select(c => c / norm)];
        }

        var result = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[(i * n) + j] = columns[j][i];
            }
        }

        return result;
    }

    /// <summary>Row-major product a·b of two n×n matrices.</summary>
    public static Complex[] Multiply(Complex[] a, Complex[] b)
    {
        var n = (int)Math.Round(Math.Sqrt(a.Length));
        var result = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                for (var j = 0; j < n; j++)
                {
                    result[(i * n) + j] += a[(i * n) + k] * b[(k * n) + j];
                }
            }
        }

        return result;
    }

    /// <summary>high ⊗ low in little-endian order (low on the operation's first qubit).</summary>
    public static Complex[] Kron(Complex[] high, Complex[] low)
    {
        var result = new Complex[16];
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                result[(r * 4) + c] = high[((r >> 1) * 2) + (c >> 1)] * low[((r & 1) * 2) + (c & 1)];
            }
        }

        return result;
    }

    public static Complex[] Gate(OperationKind kind, params double[] angles) => GateMatrices.Create(kind, angles);

    public static Complex[] Phase(Complex[] m, double angle) => [.. m.Select(e => e * Complex.FromPolarCoordinates(1, angle))];

    /// <summary>The matrix of a bound circuit on all its qubits.</summary>
    public static Complex[] Of(Circuit circuit)
    {
        var dense = DenseUnitary.Of(circuit);
        var n = dense.GetLength(0);
        var result = new Complex[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[(i * n) + j] = dense[i, j];
            }
        }

        return result;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
