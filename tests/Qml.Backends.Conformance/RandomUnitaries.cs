using System.Numerics;
using Qml.Abstractions.Circuits;

namespace Qml.Backends.Conformance;

/// <summary>Random unitaries: Gram–Schmidt orthonormalisation of a matrix of complex Gaussians.</summary>
public static class RandomUnitaries
{
    public static UnitaryMatrix Create(Random random, int qubitCount)
    {
        var dimension = 1 << qubitCount;
        var columns = new Complex[dimension][];
        for (var c = 0; c < dimension; c++)
        {
            var column = new Complex[dimension];
            for (var r = 0; r < dimension; r++)
            {
                column[r] = new Complex(Gaussian(random), Gaussian(random));
            }

            for (var previous = 0; previous < c; previous++)
            {
                var overlap = ReferenceSimulator.Inner(columns[previous], column);
                for (var r = 0; r < dimension; r++)
                {
                    column[r] -= overlap * columns[previous][r];
                }
            }

            var norm = Math.Sqrt(ReferenceSimulator.Inner(column, column).Real);
            for (var r = 0; r < dimension; r++)
            {
                column[r] /= norm;
            }

            columns[c] = column;
        }

        var entries = new Complex[dimension * dimension];
        for (var r = 0; r < dimension; r++)
        {
            for (var c = 0; c < dimension; c++)
            {
                entries[(r * dimension) + c] = columns[c][r];
            }
        }

        return new UnitaryMatrix(entries);
    }

    /// <summary>A standard normal deviate (Box–Muller).</summary>
    public static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
