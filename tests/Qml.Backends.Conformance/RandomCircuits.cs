using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Conformance;

/// <summary>Seeded random circuits: entangled start layers and circuits over every gate kind with affine symbolic angles.</summary>
public static class RandomCircuits
{
    /// <summary>Every named gate (no unitary, measure, reset or barrier).</summary>
    public static IReadOnlyList<GateDefinition> NamedGates { get; } =
        [.. GateDefinition.All.Where(d => d.IsUnitary && d.Kind != OperationKind.Unitary)];

    /// <summary>Every gate kind with an angle.</summary>
    public static IReadOnlyList<OperationKind> ParameterizedKinds { get; } =
        [.. NamedGates.Where(d => d.IsParameterized).Select(d => d.Kind)];

    /// <summary>
    /// A fixed-seed layer of U gates and CX chains that leaves the register in a generic
    /// entangled state with no amplitude zero by symmetry.
    /// </summary>
    public static IReadOnlyList<Operation> EntanglingLayer(int qubitCount, int seed = 7)
    {
        var random = new Random(seed + (1000 * qubitCount));
        var operations = new List<Operation>();
        for (var round = 0; round < 2; round++)
        {
            for (var q = 0; q < qubitCount; q++)
            {
                operations.Add(Operation.Gate(OperationKind.U, [q], RandomAngle(random), RandomAngle(random), RandomAngle(random)));
            }

            for (var q = 0; q + 1 < qubitCount; q++)
            {
                operations.Add(round == 0 ? Operation.Gate(OperationKind.CX, [q, q + 1]) : Operation.Gate(OperationKind.CX, [q + 1, q]));
            }
        }

        if (qubitCount > 2)
        {
            operations.Add(Operation.Gate(OperationKind.CX, [qubitCount - 1, 0]));
        }

        return operations;
    }

    /// <summary>The reference state <see cref="EntanglingLayer"/> leaves (default seed), computed once per size.</summary>
    public static System.Numerics.Complex[] EntangledStart(int qubitCount) =>
        StartStates.GetOrAdd(qubitCount, n => ReferenceSimulator.Run(new Circuit(n, 0, [], EntanglingLayer(n)), []));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, System.Numerics.Complex[]> StartStates = new();

    /// <summary>A uniform angle in [-π, π).</summary>
    public static double RandomAngle(Random random) => (random.NextDouble() * 2.0 - 1.0) * Math.PI;

    /// <summary>Declares symbols x0..x{inputs-1} (inputs) then w0..w{weights-1} (weights).</summary>
    public static Symbol[] Symbols(int inputs, int weights) =>
        [.. Enumerable.Range(0, inputs).Select(i => new Symbol($"x{i}", SymbolRole.Input)),
         .. Enumerable.Range(0, weights).Select(i => new Symbol($"w{i}", SymbolRole.Weight))];

    /// <summary>An affine angle like 0.3 + 2·x − w over up to two random symbols (a constant when there are none).</summary>
    public static Angle AffineAngle(Random random, int symbolCount)
    {
        var angle = Angle.FromConstant(Math.Round(RandomAngle(random), 3));
        var terms = symbolCount == 0 ? 0 : 1 + random.Next(2);
        double[] coefficients = [1.0, -1.0, 2.0, 0.5, -1.5];
        for (var t = 0; t < terms; t++)
        {
            angle += Angle.FromSymbol(random.Next(symbolCount), coefficients[random.Next(coefficients.Length)]);
        }

        return angle;
    }

    /// <summary>Distinct random qubits.</summary>
    public static int[] DistinctQubits(Random random, int qubitCount, int count)
    {
        var all = Enumerable.Range(0, qubitCount).ToArray();
        random.Shuffle(all);
        return all[..count];
    }

    /// <summary>
    /// A random unitary circuit that uses every given kind that fits at least once, in random
    /// order with <paramref name="extraGates"/> more random ones, affine symbolic angles, a few
    /// random unitaries when asked, barriers, and a symbolic global phase.
    /// </summary>
    public static Circuit Create(Random random, int qubitCount, IReadOnlyList<OperationKind> kinds, int inputs, int weights, int extraGates, bool withUnitaries)
    {
        var symbolCount = inputs + weights;
        var fitting = kinds.Where(k => GateDefinition.Of(k).QubitCount <= qubitCount).ToList();
        var chosen = new List<OperationKind>(fitting);
        for (var i = 0; i < extraGates; i++)
        {
            chosen.Add(fitting[random.Next(fitting.Count)]);
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chosen));
        var operations = new List<Operation>(EntanglingLayer(qubitCount, random.Next(1000)));
        foreach (var kind in chosen)
        {
            var definition = GateDefinition.Of(kind);
            var angles = Enumerable.Range(0, definition.AngleCount).Select(_ => AffineAngle(random, symbolCount)).ToArray();
            operations.Add(Operation.Gate(kind, DistinctQubits(random, qubitCount, definition.QubitCount), angles));
            if (random.Next(8) == 0)
            {
                operations.Add(Operation.Barrier(DistinctQubits(random, qubitCount, 1 + random.Next(qubitCount))));
            }
        }

        if (withUnitaries)
        {
            for (var width = 1; width <= Math.Min(3, qubitCount); width++)
            {
                var at = random.Next(operations.Count + 1);
                operations.Insert(at, Operation.Unitary(RandomUnitaries.Create(random, width), DistinctQubits(random, qubitCount, width)));
            }
        }

        return new Circuit(qubitCount, 0, Symbols(inputs, weights), operations, AffineAngle(random, symbolCount), "random");
    }

    /// <summary>B rows of random symbol values in [-π, π).</summary>
    public static double[][] Bindings(Random random, int rows, int columns) =>
        [.. Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => RandomAngle(random)).ToArray())];
}
