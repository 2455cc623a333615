using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Backends.Cpu;

namespace Qml.Learning.Tests.Quantum;

/// <summary>Circuits and backends shared by the quantum-layer tests.</summary>
internal static class QuantumTestCircuits
{
    public static IBackend Cpu() => new CpuBackendFactory().Create(BackendOptions.Default.With("threads", "1"));

    /// <summary>
    /// A random circuit over <paramref name="qubits"/> that uses every rotation gate with affine
    /// angles mixing input and weight symbols, so the chain rule through angles is exercised.
    /// </summary>
    public static Circuit EveryRotation(int qubits, int inputs, int weights, int seed)
    {
        var random = new Random(seed);
        var builder = new CircuitBuilder(qubits, name: "every-rotation");
        var x = Enumerable.Range(0, inputs).Select(i => builder.Input($"x{i}")).ToArray();
        var w = Enumerable.Range(0, weights).Select(i => builder.Weight($"w{i}")).ToArray();
        Angle Pick() => (random.NextDouble() - 0.5) + ((0.5 + random.NextDouble()) * w[random.Next(weights)]) + ((random.NextDouble() - 0.5) * x[random.Next(inputs)]);
        (int, int) Pair()
        {
            var a = random.Next(qubits);
            var b = (a + 1 + random.Next(qubits - 1)) % qubits;
            return (a, b);
        }

        for (var q = 0; q < qubits; q++)
        {
            builder.H(q);
        }

        for (var layer = 0; layer < 2; layer++)
        {
            for (var q = 0; q < qubits; q++)
            {
                builder.RX(q, Pick()).RY(q, Pick()).RZ(q, Pick()).P(q, Pick()).U(q, Pick(), Pick(), Pick());
            }

            var (a, b) = Pair();
            builder.CRX(a, b, Pick());
            (a, b) = Pair();
            builder.CRY(a, b, Pick());
            (a, b) = Pair();
            builder.CRZ(a, b, Pick());
            (a, b) = Pair();
            builder.CP(a, b, Pick());
            (a, b) = Pair();
            builder.RXX(a, b, Pick()).RYY(b, a, Pick()).RZZ(a, b, Pick());
            builder.CX(0, qubits - 1);
        }

        return builder.Build();
    }

    public static Observable[] Readout(int qubits) =>
    [
        Observable.Z(0),
        Observable.Parse($"0.5*X0 Y{qubits - 1} - 0.25*Z1"),
        Observable.Parse("Y1 + 2*X0"),
    ];
}
