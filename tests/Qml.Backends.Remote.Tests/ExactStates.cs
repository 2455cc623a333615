using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote.Tests;

/// <summary>
/// A plain statevector reference for the optimizer's tests: it applies every gate's matrix from
/// <see cref="GateMatrices"/> and the circuit's global phase, so two circuits agree only if their
/// unitaries agree including the phase (on a random input state, which sees every column).
/// </summary>
internal static class ExactStates
{
    /// <summary>A normalized state with random complex amplitudes on <paramref name="qubits"/> qubits.</summary>
    public static Complex[] RandomState(int qubits, int seed)
    {
        var random = new Random(seed);
        var state = new Complex[1 << qubits];
        for (var i = 0; i < state.Length; i++)
        {
            state[i] = new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        }

        var norm = Math.Sqrt(state.Sum(a => a.Magnitude * a.Magnitude));
        return [.. state.Select(a => a / norm)];
    }

    /// <summary>U·state for a circuit without symbols, measurements or resets (barriers are skipped).</summary>
    public static Complex[] Apply(Circuit circuit, Complex[] input)
    {
        Assert.That(input, Has.Length.EqualTo(1 << circuit.QubitCount));
        var state = (Complex[])input.Clone();
        foreach (var op in circuit.Operations.Where(o => o.Kind != OperationKind.Barrier))
        {
            Assert.That(op.Definition.IsUnitary && op.Condition is null, Is.True, $"{op} is a plain gate");
            var angles = op.Angles.Select(a => a.Constant).ToArray();
            Assert.That(op.IsSymbolic, Is.False, $"{op} is bound");
            ApplyGate(state, GateMatrices.Create(op.Kind, angles), [.. op.Qubits]);
        }

        var phase = Complex.FromPolarCoordinates(1, circuit.GlobalPhase.Constant);
        Assert.That(circuit.GlobalPhase.IsConstant, Is.True, "the global phase is bound");
        return [.. state.Select(a => a * phase)];
    }

    /// <summary>The circuit on only the physical qubits in <paramref name="used"/>, renumbered in order.</summary>
    public static Circuit Compact(Circuit circuit, IReadOnlyCollection<int> used)
    {
        var order = used.Order().ToArray();
        return new Circuit(order.Length, circuit.ClassicalBitCount, circuit.Symbols, circuit.Operations.Select(o => o.Remap(q => Array.IndexOf(order, q))), circuit.GlobalPhase, circuit.Name);
    }

    public static void AssertEqual(Complex[] actual, Complex[] expected, double tolerance, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        var worst = actual.Select((a, i) => (a - expected[i]).Magnitude).Max();
        Assert.That(worst, Is.LessThan(tolerance), $"{what}: largest amplitude difference");
    }

    private static void ApplyGate(Complex[] state, Complex[] matrix, int[] qubits)
    {
        var k = qubits.Length;
        var dimension = 1 << k;
        var mask = qubits.Aggregate(0, (m, q) => m | (1 << q));
        var local = new Complex[dimension];
        var indices = new int[dimension];
        for (var basis = 0; basis < state.Length; basis++)
        {
            if ((basis & mask) != 0)
            {
                continue;
            }

            for (var j = 0; j < dimension; j++)
            {
                var index = basis;
                for (var b = 0; b < k; b++)
                {
                    if (((j >> b) & 1) != 0)
                    {
                        index |= 1 << qubits[b];
                    }
                }

                indices[j] = index;
                local[j] = state[index];
            }

            for (var row = 0; row < dimension; row++)
            {
                var sum = Complex.Zero;
                for (var column = 0; column < dimension; column++)
                {
                    sum += matrix[(row * dimension) + column] * local[column];
                }

                state[indices[row]] = sum;
            }
        }
    }
}
