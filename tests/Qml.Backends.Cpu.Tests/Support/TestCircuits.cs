using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Cpu.Tests.Support;

/// <summary>Random circuits over every named gate, with symbolic angles, for backend-vs-oracle tests.</summary>
internal static class TestCircuits
{
    public static readonly OperationKind[] NamedGates =
        [.. Enum.GetValues<OperationKind>().Where(k => k is not (OperationKind.Unitary or OperationKind.Measure or OperationKind.Reset or OperationKind.Barrier))];

    /// <summary>A circuit of <paramref name="depth"/> random gates whose angles are random affine forms of two symbols.</summary>
    public static Circuit Random(Random random, int qubitCount, int depth, bool withUnitaries = true)
    {
        var symbols = new[] { new Symbol("x", SymbolRole.Input), new Symbol("w", SymbolRole.Weight) };
        var operations = new List<Operation>();
        for (var i = 0; i < depth; i++)
        {
            var kind = NamedGates[random.Next(NamedGates.Length)];
            var definition = GateDefinition.Of(kind);
            if (definition.QubitCount > qubitCount)
            {
                continue;
            }

            var qubits = Enumerable.Range(0, qubitCount).OrderBy(_ => random.Next()).Take(definition.QubitCount).ToArray();
            var angles = Enumerable.Range(0, definition.AngleCount).Select(_ => RandomAngle(random)).ToArray();
            operations.Add(Operation.Gate(kind, qubits, angles));
            if (withUnitaries && i % 7 == 3 && qubitCount >= 2)
            {
                var width = 1 + random.Next(Math.Min(3, qubitCount));
                var on = Enumerable.Range(0, qubitCount).OrderBy(_ => random.Next()).Take(width).ToArray();
                operations.Add(Operation.Unitary(new UnitaryMatrix(NaiveStatevector.RandomUnitary(random, width)), on));
            }
        }

        return new Circuit(qubitCount, 0, symbols, operations, globalPhase: Angle.FromSymbol(0, 0.3, 0.1));
    }

    public static Angle RandomAngle(Random random) =>
        Angle.FromTerms(random.NextDouble() - 0.5, [new AngleTerm(0, random.NextDouble() * 2 - 1), new AngleTerm(1, random.NextDouble() * 2 - 1)]);
}
