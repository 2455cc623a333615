using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Observables;

namespace Qml.Host.Cli;

/// <summary>Built-in circuits for <c>qml run</c> and <c>qml bench</c>, with the observables worth reading.</summary>
internal static class DemoCircuits
{
    public static IReadOnlyList<string> Names { get; } = ["ghz", "bell", "layered"];

    public static (Circuit Circuit, Observable[] Observables) Create(string name, int qubits, int layers = 2, int seed = 7)
    {
        if (qubits < 1)
        {
            throw new QmlException($"--qubits {qubits} is invalid: a circuit needs at least one qubit.");
        }

        return name.ToLowerInvariant() switch
        {
            "ghz" => (Ghz(qubits), [.. Enumerable.Range(0, qubits).Select(Observable.Z), Observable.FromPauli(PauliString.Z(0, qubits - 1))]),
            "bell" => (Ghz(2), [Observable.Z(0), Observable.Parse("Z0 Z1"), Observable.Parse("X0 X1")]),
            "layered" => (Layered(qubits, layers, seed), [.. Enumerable.Range(0, qubits).Select(Observable.Z)]),
            _ => throw new QmlException($"unknown built-in circuit '{name}'; valid: {string.Join(", ", Names)}."),
        };
    }

    /// <summary>(|0…0⟩ + |1…1⟩)/√2.</summary>
    public static Circuit Ghz(int qubits)
    {
        var builder = new CircuitBuilder(qubits, name: qubits == 2 ? "bell" : $"ghz{qubits}");
        builder.H(0);
        for (var q = 1; q < qubits; q++)
        {
            builder.CX(q - 1, q);
        }

        return builder.Build();
    }

    /// <summary>
    /// The benchmark's layered circuit: per layer RX and RZ on every qubit, then a CNOT ladder;
    /// 3n − 1 gates a layer. Angles are fixed pseudo-random numbers.
    /// </summary>
    public static Circuit Layered(int qubits, int layers, int seed = 7)
    {
        var random = new Random(seed);
        var builder = new CircuitBuilder(qubits, name: $"layered{qubits}x{layers}");
        for (var layer = 0; layer < layers; layer++)
        {
            for (var q = 0; q < qubits; q++)
            {
                builder.RX(q, random.NextDouble() * Math.Tau);
                builder.RZ(q, random.NextDouble() * Math.Tau);
            }

            for (var q = 0; q + 1 < qubits; q++)
            {
                builder.CX(q, q + 1);
            }
        }

        return builder.Build();
    }
}
