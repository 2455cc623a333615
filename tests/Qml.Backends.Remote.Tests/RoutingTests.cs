using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote.Tests;

/// <summary>Decomposition to a device's gates and SWAP routing onto its coupling map.</summary>
[TestFixture]
public sealed class RoutingTests
{
    private static readonly OperationKind[] OneQubit = [OperationKind.H, OperationKind.X, OperationKind.Y, OperationKind.S, OperationKind.T, OperationKind.SX, OperationKind.RX, OperationKind.RY, OperationKind.RZ, OperationKind.P, OperationKind.U];
    private static readonly OperationKind[] TwoQubit = [OperationKind.CX, OperationKind.CZ, OperationKind.CY, OperationKind.CRY, OperationKind.CP, OperationKind.Swap, OperationKind.RZZ, OperationKind.RXX, OperationKind.ISwap];
    private static readonly OperationKind[] ThreeQubit = [OperationKind.CCX, OperationKind.CSwap];

    [TestCase(3, 1)]
    [TestCase(5, 2)]
    [TestCase(6, 3)]
    [TestCase(7, 4)]
    public async Task RandomCircuitsRoutedOnALineKeepTheirDistributionExactlyAndRespectTheMap(int qubits, int seed)
    {
        var circuit = RandomCircuit(qubits, 40, new Random(seed));
        var target = new HardwareTarget([.. HardwareTarget.IbmGates], CouplingMap.Linear(0));
        var routed = target.Transpile(circuit);
        AssertRespects(routed.Circuit, CouplingMap.Linear(qubits), [.. HardwareTarget.IbmGates]);
        Assert.That(routed.Layout.Order(), Is.EqualTo(Enumerable.Range(0, qubits)), "the final layout is a permutation");
        await AssertSameDistributionAsync(circuit, routed);
    }

    [Test]
    public async Task ACircuitRoutedOnAMapFromAFileKeepsItsDistributionAndUsesOnlyItsEdges()
    {
        var file = Path.GetTempFileName();
        try
        {
            // A "T": 0-1-2 with 1-3-4 hanging off qubit 1, and an idle qubit 5 on the end.
            File.WriteAllText(file, "[[0, 1], [1, 2], [1, 3], [3, 4], [4, 5]]");
            var map = CouplingMap.Load(file, "coupling-map");
            var circuit = RandomCircuit(5, 50, new Random(9));
            var routed = new HardwareTarget(null, map).Transpile(circuit);
            Assert.That(routed.Circuit.QubitCount, Is.EqualTo(6), "the device's width");
            AssertRespects(routed.Circuit, map, null);
            await AssertSameDistributionAsync(circuit, routed);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("[[0, 1], [1, 1]]", "edge 1")]
    [TestCase("{\"edges\": 3}", "non-empty JSON array")]
    [TestCase("[[0, 1], [2, 3]]", "not connected")]
    public void BadMapsAndDisconnectedQubitsAreRefusedWithAMessage(string json, string expected)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, json);
            // The chain joins all four qubits, so no layout fits it into one of the map's two parts.
            var error = Assert.Throws<QmlException>(() => new HardwareTarget(null, CouplingMap.Load(file, "coupling-map")).Transpile(new CircuitBuilder(4).CX(0, 3).CX(3, 1).CX(1, 2).Build()));
            Assert.That(error!.Message, Does.Contain(expected));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void GateSetsMustBeUsable()
    {
        Assert.That(Assert.Throws<QmlException>(() => RemoteSettings.Parse(BackendOptions.Parse(["gates=rz,sx"]), "t"))!.Message, Does.Contain("cx"));
        Assert.That(Assert.Throws<QmlException>(() => RemoteSettings.Parse(BackendOptions.Parse(["gates=h,cx"]), "t"))!.Message, Does.Contain("rz and sx"));
        Assert.That(Assert.Throws<QmlException>(() => RemoteSettings.Parse(BackendOptions.Parse(["gates=foo,cx"]), "t"))!.Message, Does.Contain("'foo'"));
        Assert.That(Assert.Throws<QmlException>(() => RemoteSettings.Parse(BackendOptions.Parse(["coupling=ring"]), "t"))!.Message, Does.Contain("linear"));
    }

    [Test]
    public async Task TheRemoteBackendSendsRoutedIbmBasisCircuitsAndItsEstimatesMatchTheUnroutedCircuit()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var remote = server.CreateRemote("gates=ibm", "coupling=linear");
        using var cpu = LoopbackServer.Cpu();
        var builder = new CircuitBuilder(5, 5);
        var theta = builder.Input("theta");
        var circuit = builder.H(0).CX(0, 4).RY(2, theta).CX(2, 0).CZ(4, 1).CCX(0, 1, 3).Build();
        var measured = circuit.WithOperations([.. circuit.Operations, .. Enumerable.Range(0, 5).Select(q => Operation.Measure(q, 4 - q))]);
        var bindings = BindingTable.FromRows([[0.8]]);
        const int shots = 20_000;
        var result = await remote.ExecuteAsync(new ExecutionRequest { Circuit = measured, Bindings = bindings, Outputs = ResultKinds.Samples | ResultKinds.Probabilities, Shots = shots, Seed = 4 });
        var exact = await cpu.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Bindings = bindings, Outputs = ResultKinds.Probabilities });

        for (var i = 0; i < 32; i++)
        {
            var p = exact.Probabilities![0, i];
            var sigma = Math.Sqrt(p * (1 - p) / shots);
            Assert.That(result.Probabilities![0, i], Is.EqualTo(p).Within((5 * sigma) + 1e-3), $"P({i})");

            // The samples read bit 4 - q for qubit q: the routed measurements kept their bits.
            var reversed = Enumerable.Range(0, 5).Sum(q => ((i >> q) & 1) << (4 - q));
            var frequency = Enumerable.Range(0, shots).Count(s => (int)result.Samples!.Shot(0, s)[0] == reversed) / (double)shots;
            Assert.That(frequency, Is.EqualTo(p).Within((5 * sigma) + 1e-3), $"samples of {i}");
        }

        var sent = server.Server.Jobs.Single().Pubs;
        Assert.That(sent, Has.Count.EqualTo(2), "the measured circuit and the estimate circuit");
        foreach (var pub in sent)
        {
            AssertRespects(pub.Circuit, CouplingMap.Linear(5), [.. HardwareTarget.IbmGates]);
        }
    }

    /// <summary>Every operation is native (or measure/barrier) and every two-qubit gate joins coupled qubits.</summary>
    private static void AssertRespects(Circuit circuit, CouplingMap map, HashSet<OperationKind>? gates)
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
                Assert.That(map.Adjacent(op.Qubits[0], op.Qubits[1]), Is.True, $"{op} joins coupled qubits");
            }
        }
    }

    /// <summary>Exact probabilities of the routed circuit, read through the final layout, equal the original's.</summary>
    private static async Task AssertSameDistributionAsync(Circuit logical, TranspiledCircuit routed)
    {
        using var cpu = LoopbackServer.Cpu();
        var bindings = BindingTable.FromRows([[0.37, -1.2]]);
        var expected = await cpu.ExecuteAsync(new ExecutionRequest { Circuit = logical, Bindings = bindings, Outputs = ResultKinds.Probabilities });
        var physical = await cpu.ExecuteAsync(new ExecutionRequest { Circuit = routed.Circuit, Bindings = bindings, Outputs = ResultKinds.Probabilities });
        var n = logical.QubitCount;
        var marginal = new double[1 << n];
        for (var s = 0; s < 1 << routed.Circuit.QubitCount; s++)
        {
            var index = 0;
            for (var q = 0; q < n; q++)
            {
                index |= ((s >> routed.Layout[q]) & 1) << q;
            }

            marginal[index] += physical.Probabilities![0, s];
        }

        for (var i = 0; i < marginal.Length; i++)
        {
            Assert.That(marginal[i], Is.EqualTo(expected.Probabilities![0, i]).Within(1e-10), $"P({i})");
        }
    }

    private static Circuit RandomCircuit(int qubits, int gates, Random random)
    {
        var builder = new CircuitBuilder(qubits);
        var a = builder.Input("a");
        var b = builder.Input("b");
        var operations = new List<Operation>();
        for (var g = 0; g < gates; g++)
        {
            var width = qubits >= 3 && random.Next(8) == 0 ? 3 : random.Next(2) + 1;
            var kinds = width switch { 1 => OneQubit, 2 => TwoQubit, _ => ThreeQubit };
            var kind = kinds[random.Next(kinds.Length)];
            var chosen = Enumerable.Range(0, qubits).OrderBy(_ => random.Next()).Take(width).ToArray();
            var angles = Enumerable.Range(0, GateDefinition.Of(kind).AngleCount)
                .Select(i => random.Next(3) switch { 0 => Angle.FromSymbol(0, 1.5, 0.2), 1 => Angle.FromSymbol(1, -0.7, 0.0), _ => (Angle)(random.NextDouble() * 6 - 3) })
                .ToArray();
            operations.Add(Operation.Gate(kind, chosen, angles));
        }

        var empty = builder.Build();
        return new Circuit(qubits, 0, empty.Symbols, operations);
    }
}
