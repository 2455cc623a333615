using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote.Tests;

/// <summary>Coupling maps, random circuits and exact checks shared by the routing tests.</summary>
internal static class RoutingFixtures
{
    private static readonly OperationKind[] OneQubit = [OperationKind.H, OperationKind.X, OperationKind.Y, OperationKind.S, OperationKind.T, OperationKind.SX, OperationKind.RX, OperationKind.RY, OperationKind.RZ, OperationKind.P, OperationKind.U];
    private static readonly OperationKind[] TwoQubit = [OperationKind.CX, OperationKind.CX, OperationKind.CZ, OperationKind.CY, OperationKind.CRY, OperationKind.CP, OperationKind.Swap, OperationKind.RZZ, OperationKind.RXX, OperationKind.ISwap, OperationKind.CH];
    private static readonly OperationKind[] ThreeQubit = [OperationKind.CCX, OperationKind.CSwap];

    /// <summary>IBM Falcon's 27-qubit heavy-hex coupling (each edge listed once, lower qubit first).</summary>
    public static readonly (int A, int B)[] HeavyHex27 =
    [
        (0, 1), (1, 2), (1, 4), (2, 3), (3, 5), (4, 7), (5, 8), (6, 7), (7, 10), (8, 9), (8, 11), (10, 12), (11, 14), (12, 13),
        (12, 15), (13, 14), (14, 16), (15, 18), (16, 19), (17, 18), (18, 21), (19, 20), (19, 22), (21, 23), (22, 25), (23, 24), (24, 25), (25, 26),
    ];

    public static CouplingMap Ring(int qubits, bool directed = false, int seed = 0) =>
        CouplingMap.Create($"ring({qubits})", Orient([.. Enumerable.Range(0, qubits).Select(i => (i, (i + 1) % qubits))], directed, seed), directed);

    public static CouplingMap Grid(int rows, int columns, bool directed = false, int seed = 0)
    {
        var edges = new List<(int, int)>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (c + 1 < columns)
                {
                    edges.Add(((r * columns) + c, (r * columns) + c + 1));
                }

                if (r + 1 < rows)
                {
                    edges.Add(((r * columns) + c, ((r + 1) * columns) + c));
                }
            }
        }

        return CouplingMap.Create($"grid({rows}x{columns})", Orient(edges, directed, seed), directed);
    }

    /// <summary>Writes the heavy-hex map as a file (directed: each edge one way, chosen by the seed) and loads it as the option would.</summary>
    public static CouplingMap HeavyHexFile(string directory, bool directed, int seed = 0)
    {
        var path = Path.Combine(directory, directed ? $"heavy-hex-directed-{seed}.json" : "heavy-hex.json");
        var edges = string.Join(", ", Orient(HeavyHex27, directed, seed).Select(e => $"[{e.A}, {e.B}]"));
        File.WriteAllText(path, directed ? $"{{\"coupling_map\": [{edges}], \"directed\": true}}" : $"[{edges}]");
        return CouplingMap.Load(path, "coupling-map");
    }

    /// <summary>Random gates of one to three qubits with angles fixed or depending on two symbols (bound to 0.37 and -1.2).</summary>
    public static Circuit RandomCircuit(int qubits, int gates, int seed, double twoQubitShare = 0.5)
    {
        var random = new Random(seed);
        var builder = new CircuitBuilder(qubits);
        builder.Input("a");
        builder.Input("b");
        var operations = new List<Operation>();
        for (var g = 0; g < gates; g++)
        {
            var width = qubits >= 3 && random.Next(10) == 0 ? 3 : random.NextDouble() < twoQubitShare ? 2 : 1;
            var kinds = width switch { 1 => OneQubit, 2 => TwoQubit, _ => ThreeQubit };
            var kind = kinds[random.Next(kinds.Length)];
            var chosen = Enumerable.Range(0, qubits).OrderBy(_ => random.Next()).Take(width).ToArray();
            var angles = Enumerable.Range(0, GateDefinition.Of(kind).AngleCount)
                .Select(i => random.Next(3) switch { 0 => Angle.FromSymbol(0, 1.5, 0.2), 1 => Angle.FromSymbol(1, -0.7, 0.0), _ => (Angle)(random.NextDouble() * 6 - 3) })
                .ToArray();
            operations.Add(Operation.Gate(kind, chosen, angles));
        }

        return new Circuit(qubits, 0, builder.Build().Symbols, operations);
    }

    /// <summary>CX only, between random pairs: the routing workload without decomposition noise.</summary>
    public static Circuit RandomCxCircuit(int qubits, int gates, int seed)
    {
        var random = new Random(seed);
        var operations = new List<Operation>();
        for (var g = 0; g < gates; g++)
        {
            var a = random.Next(qubits);
            var b = (a + 1 + random.Next(qubits - 1)) % qubits;
            operations.Add(random.Next(3) == 0 ? Operation.Gate(OperationKind.H, [a]) : Operation.Gate(OperationKind.CX, [a, b]));
        }

        return new Circuit(qubits, 0, [], operations);
    }

    /// <summary>Every operation is native (or measure/reset/barrier); every two-qubit gate joins coupled qubits in an allowed direction.</summary>
    public static void AssertRespects(Circuit circuit, CouplingMap map, IReadOnlyCollection<OperationKind>? gates)
    {
        foreach (var op in circuit.Operations)
        {
            if (gates is not null && op.Kind is not (OperationKind.Measure or OperationKind.Barrier or OperationKind.Reset))
            {
                Assert.That(gates, Does.Contain(op.Kind), $"{op} is native");
            }

            if (op.Kind != OperationKind.Barrier && op.Qubits.Length > 1)
            {
                Assert.That(op.Qubits, Has.Length.EqualTo(2), $"{op} is routed as a two-qubit gate");
                Assert.That(map.Allows(op.Qubits[0], op.Qubits[1]), Is.True, $"{op} runs along an edge of {map.Description} in an allowed direction");
            }
        }
    }

    /// <summary>
    /// Exact probabilities of the routed circuit, read through its final layout, equal the
    /// original's to 1e-10, and the device qubits outside the layout end in |0⟩. Only the
    /// device qubits the routed circuit touches are simulated (a 27-qubit map stays small).
    /// </summary>
    public static async Task AssertSameDistributionAsync(Circuit logical, TranspiledCircuit routed)
    {
        var used = routed.Circuit.Operations.SelectMany(o => o.Qubits).Concat(routed.Layout).Distinct().Order().ToArray();
        var dense = used.Select((physical, index) => (physical, index)).ToDictionary(p => p.physical, p => p.index);
        var compact = new Circuit(used.Length, routed.Circuit.ClassicalBitCount, routed.Circuit.Symbols, routed.Circuit.Operations.Select(o => o.Remap(q => dense[q])));
        Assert.That(used.Length, Is.LessThanOrEqualTo(22), "the touched part of the device stays small enough to simulate");

        using var cpu = LoopbackServer.Cpu();
        double[] values = [0.37, -1.2];
        var bindings = BindingTable.FromRows([values[..logical.Symbols.Length]]);
        var expected = await cpu.ExecuteAsync(new ExecutionRequest { Circuit = logical, Bindings = bindings, Outputs = ResultKinds.Probabilities });
        var physical = await cpu.ExecuteAsync(new ExecutionRequest { Circuit = compact, Bindings = bindings, Outputs = ResultKinds.Probabilities });
        var n = logical.QubitCount;
        var layoutMask = routed.Layout.Aggregate(0L, (mask, p) => mask | (1L << dense[p]));
        var marginal = new double[1 << n];
        var leaked = 0.0;
        for (var s = 0L; s < 1L << used.Length; s++)
        {
            var p = physical.Probabilities![0, (int)s];
            if ((s & ~layoutMask) != 0)
            {
                leaked += p;
                continue;
            }

            var index = 0;
            for (var q = 0; q < n; q++)
            {
                index |= (int)(((s >> dense[routed.Layout[q]]) & 1) << q);
            }

            marginal[index] += p;
        }

        Assert.That(leaked, Is.LessThan(1e-10), "idle device qubits end in |0⟩");
        for (var i = 0; i < marginal.Length; i++)
        {
            Assert.That(marginal[i], Is.EqualTo(expected.Probabilities![0, i]).Within(1e-10), $"P({i})");
        }
    }

    private static (int A, int B)[] Orient(IReadOnlyList<(int A, int B)> edges, bool directed, int seed)
    {
        var random = new Random(seed);
        return [.. edges.Select(e => directed && random.Next(2) == 0 ? (e.B, e.A) : e)];
    }
}
