using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Backends.Cpu;

namespace Qml.Qasm.Tests;

/// <summary>Runs circuits on the real CPU backend, which shares no code with the reader.</summary>
internal static class TestSupport
{
    private static readonly Lazy<IBackend> Backend = new(() => new CpuBackendFactory().Create(BackendOptions.Default));

    public static Complex[] State(Circuit circuit, params double[] bindings)
    {
        var request = new ExecutionRequest
        {
            Circuit = circuit.WithoutNonUnitary(),
            Bindings = BindingTable.Single(bindings),
            Outputs = ResultKinds.State,
        };
        return Backend.Value.ExecuteAsync(request).GetAwaiter().GetResult().States!.Row(0).ToArray();
    }

    public static double[] Probabilities(Circuit circuit, params double[] bindings)
    {
        var request = new ExecutionRequest
        {
            Circuit = circuit.WithoutNonUnitary(),
            Bindings = BindingTable.Single(bindings),
            Outputs = ResultKinds.Probabilities,
        };
        return Backend.Value.ExecuteAsync(request).GetAwaiter().GetResult().Probabilities!.Row(0).ToArray();
    }

    /// <summary>The circuit's unitary, column k = the state it makes from |k⟩ (global phase included).</summary>
    public static Complex[] Unitary(Circuit circuit)
    {
        var n = circuit.QubitCount;
        var d = 1 << n;
        var matrix = new Complex[d * d];
        for (var k = 0; k < d; k++)
        {
            var prepare = new List<Operation>();
            for (var q = 0; q < n; q++)
            {
                if ((k & (1 << q)) != 0)
                {
                    prepare.Add(Operation.Gate(Abstractions.Gates.OperationKind.X, [q]));
                }
            }

            var column = State(circuit.WithOperations(prepare.Concat(circuit.Operations)));
            for (var r = 0; r < d; r++)
            {
                matrix[(r * d) + k] = column[r];
            }
        }

        return matrix;
    }

    public static double MaxDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        Assert.That(a.Length, Is.EqualTo(b.Length));
        var worst = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, (a[i] - b[i]).Magnitude);
        }

        return worst;
    }

    /// <summary>Distance between two states after removing the global phase.</summary>
    public static double PhaseInsensitiveDistance(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        Complex overlap = 0;
        for (var i = 0; i < a.Length; i++)
        {
            overlap += Complex.Conjugate(a[i]) * b[i];
        }

        var phase = overlap.Magnitude < 1e-300 ? Complex.One : overlap / overlap.Magnitude;
        var worst = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, ((a[i] * phase) - b[i]).Magnitude);
        }

        return worst;
    }
}
