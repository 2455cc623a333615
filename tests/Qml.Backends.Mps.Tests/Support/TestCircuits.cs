using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Mps.Tests.Support;

/// <summary>The circuits the MPS tests are about.</summary>
internal static class TestCircuits
{
    /// <summary>H on qubit 0 and a CX chain: (|0…0⟩ + |1…1⟩)/√2, bond 2 everywhere.</summary>
    public static Circuit Ghz(int qubits)
    {
        var builder = new CircuitBuilder(qubits);
        builder.H(0);
        for (var q = 0; q + 1 < qubits; q++)
        {
            builder.CX(q, q + 1);
        }

        return builder.Build();
    }

    /// <summary>Layers of RY on every qubit then CX on alternating neighbour pairs, seeded angles.</summary>
    public static Circuit BrickWall(int qubits, int depth, int seed)
    {
        var random = new Random(seed);
        var builder = new CircuitBuilder(qubits);
        for (var layer = 0; layer < depth; layer++)
        {
            for (var q = 0; q < qubits; q++)
            {
                builder.RY(q, (random.NextDouble() * 2.0 - 1.0) * Math.PI);
            }

            for (var q = layer % 2; q + 1 < qubits; q += 2)
            {
                builder.CX(q, q + 1);
            }
        }

        return builder.Build();
    }

    /// <summary>A random circuit of single-qubit rotations and two-qubit gates on random (often distant) pairs, with symbolic angles.</summary>
    public static Circuit Random(int qubits, int gates, int seed)
    {
        var random = new Random(seed);
        var builder = new CircuitBuilder(qubits);
        var x = builder.Input("x");
        var w = builder.Weight("w");
        OperationKind[] single = [OperationKind.RX, OperationKind.RY, OperationKind.RZ, OperationKind.H, OperationKind.T, OperationKind.U];
        OperationKind[] pair = [OperationKind.CX, OperationKind.CZ, OperationKind.CRY, OperationKind.RZZ, OperationKind.Swap, OperationKind.ISwap, OperationKind.CP];
        for (var q = 0; q < qubits; q++)
        {
            builder.H(q);
        }

        for (var g = 0; g < gates; g++)
        {
            var two = random.Next(2) == 0;
            var kind = two ? pair[random.Next(pair.Length)] : single[random.Next(single.Length)];
            var definition = GateDefinition.Of(kind);
            var qubitsOf = Enumerable.Range(0, qubits).OrderBy(_ => random.Next()).Take(definition.QubitCount).ToArray();
            var angles = Enumerable.Range(0, definition.AngleCount)
                .Select(_ => Angle.FromConstant(random.NextDouble() * 3) + (random.Next(2) == 0 ? x : w) * (random.NextDouble() + 0.5))
                .ToArray();
            builder.Add(Operation.Gate(kind, qubitsOf, angles));
        }

        return builder.Build();
    }
}
