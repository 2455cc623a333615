using System.Collections.Immutable;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote.Tests;

/// <summary>SABRE routing and layout, directed coupling maps, and the routing options.</summary>
[TestFixture]
public sealed class SabreRoutingTests
{
    private string _directory = string.Empty;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("qml-routing-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    public static IEnumerable<TestCaseData> Workloads()
    {
        // map, circuit qubits, seed, gate set ("" = any gate), routing
        yield return new TestCaseData("linear", 5, 1, "ibm", "sabre");
        yield return new TestCaseData("linear", 8, 2, "", "sabre");
        yield return new TestCaseData("ring", 6, 3, "ibm", "sabre");
        yield return new TestCaseData("ring-directed", 8, 4, "ibm", "sabre");
        yield return new TestCaseData("ring-directed", 7, 10, "", "sabre");
        yield return new TestCaseData("grid", 9, 5, "", "sabre");
        yield return new TestCaseData("grid-directed", 12, 6, "ibm", "sabre");
        yield return new TestCaseData("grid-directed", 9, 11, "u,cx", "sabre");
        yield return new TestCaseData("heavy-hex", 7, 7, "ibm", "sabre");
        yield return new TestCaseData("heavy-hex-directed", 10, 8, "ibm", "sabre");
        yield return new TestCaseData("heavy-hex-directed", 6, 9, "", "sabre");
        yield return new TestCaseData("heavy-hex-directed", 8, 12, "ibm", "basic");
    }

    [TestCaseSource(nameof(Workloads))]
    public async Task RoutedRandomCircuitsKeepTheExactDistributionAndUseOnlyAllowedEdges(string mapName, int qubits, int seed, string gateNames, string routing)
    {
        var map = Map(mapName, qubits);
        var gates = HardwareTarget.ParseGates(gateNames, "gates");
        var options = routing == "basic" ? RoutingOptions.Basic : RoutingOptions.Default;
        var circuit = RoutingFixtures.RandomCircuit(qubits, 45, seed);
        var routed = new HardwareTarget(gates, map, options).Transpile(circuit);

        var device = map.For(qubits);
        Assert.That(routed.Circuit.QubitCount, Is.EqualTo(device.Qubits), "the device's width");
        Assert.That(routed.Layout.Distinct().Count(), Is.EqualTo(qubits), "the final layout puts each logical qubit on its own physical qubit");
        Assert.That(routed.Layout, Is.All.InRange(0, device.Qubits - 1));
        RoutingFixtures.AssertRespects(routed.Circuit, device, gates?.Union([OperationKind.Measure, OperationKind.Barrier, OperationKind.Reset]));
        if (device.IsDirected)
        {
            Assert.That(routed.Circuit.Operations.Count(o => o.Qubits.Length == 2 && !device.Allows(o.Qubits[1], o.Qubits[0])), Is.GreaterThan(0), "the map's direction was exercised");
        }

        await RoutingFixtures.AssertSameDistributionAsync(circuit, routed);
    }

    [Test]
    public void SabreNeedsFewerSwapsThanTheBasicRouterOnHeavyHex()
    {
        // The figures of docs/benchmarks.md ("SWAPs inserted by the router").
        var map = RoutingFixtures.HeavyHexFile(_directory, directed: false);
        var circuits = Enumerable.Range(0, 20).Select(seed => RoutingFixtures.RandomCxCircuit(10, 60, 100 + seed)).ToArray();
        var twoQubitGates = circuits.Sum(c => c.Operations.Count(o => o.Kind == OperationKind.CX));
        int Total(RoutingOptions options) => circuits.Sum(c => new HardwareTarget([.. HardwareTarget.IbmGates], map, options).Transpile(c).Swaps);

        var basic = Total(RoutingOptions.Basic);
        var sabreTrivial = Total(new RoutingOptions(RoutingMethod.Sabre, LayoutMethod.Trivial));
        var basicSabreLayout = Total(new RoutingOptions(RoutingMethod.Basic, LayoutMethod.Sabre));
        var sabre = Total(RoutingOptions.Default);
        TestContext.Out.WriteLine($"20 random 10-qubit circuits ({twoQubitGates} CX) on 27-qubit heavy hex: SWAPs basic/trivial {basic}, sabre/trivial {sabreTrivial}, basic/sabre-layout {basicSabreLayout}, sabre/sabre-layout {sabre} ({(double)sabre / basic:P0} of basic)");

        Assert.That(sabre, Is.LessThan(basic), "SABRE routing and layout insert fewer SWAPs than shortest-path routing from the trivial layout");
        Assert.That(sabreTrivial, Is.LessThan(basic), "lookahead alone already saves SWAPs");
    }

    [Test]
    public void SabreLayoutIsNeverWorseThanTheTrivialLayoutAndIsDeterministic()
    {
        var map = RoutingFixtures.Grid(3, 4);
        for (var seed = 0; seed < 6; seed++)
        {
            var circuit = RoutingFixtures.RandomCxCircuit(9, 50, seed);
            var trivial = new HardwareTarget(null, map, new RoutingOptions(RoutingMethod.Sabre, LayoutMethod.Trivial)).Transpile(circuit);
            var sabre = new HardwareTarget(null, map).Transpile(circuit);
            var again = new HardwareTarget(null, map).Transpile(circuit);
            Assert.That(sabre.Swaps, Is.LessThanOrEqualTo(trivial.Swaps), $"seed {seed}: the trivial layout is one of SABRE layout's candidates");
            Assert.That(again.Circuit.Operations, Is.EqualTo(sabre.Circuit.Operations), $"seed {seed}: the seed is fixed");
            Assert.That(again.InitialLayout, Is.EqualTo(sabre.InitialLayout));
            Assert.That(trivial.InitialLayout, Is.EqualTo(Enumerable.Range(0, 9)));
        }
    }

    [Test]
    public void TheBasicRouterReproducesTheFirstRoutersShortestPathWalk()
    {
        var routed = new HardwareTarget(HardwareTarget.ParseGates("u,cx", "gates"), CouplingMap.Linear(0), RoutingOptions.Basic).Transpile(new CircuitBuilder(4).CX(0, 3).Build());
        Assert.That(routed.Circuit.Operations.Select(o => o.ToString()), Is.EqualTo(new[]
        {
            Operation.Gate(OperationKind.CX, [0, 1]), Operation.Gate(OperationKind.CX, [1, 0]), Operation.Gate(OperationKind.CX, [0, 1]),
            Operation.Gate(OperationKind.CX, [1, 2]), Operation.Gate(OperationKind.CX, [2, 1]), Operation.Gate(OperationKind.CX, [1, 2]),
            Operation.Gate(OperationKind.CX, [2, 3]),
        }.Select(o => o.ToString())));
        Assert.That(routed.Layout, Is.EqualTo(new[] { 2, 0, 1, 3 }));
        Assert.That(routed.Swaps, Is.EqualTo(2));
    }

    [TestCase("sabre")]
    [TestCase("basic")]
    public async Task MeasurementsFollowTheirQubitsIntoTheirBits(string routing)
    {
        // A reversible classical circuit: every shot must read exactly the computed bits.
        var map = RoutingFixtures.HeavyHexFile(_directory, directed: true, seed: 3);
        var random = new Random(21);
        const int qubits = 8;
        var state = new bool[qubits];
        var operations = new List<Operation>();
        for (var q = 0; q < qubits; q++)
        {
            if (random.Next(2) == 0)
            {
                operations.Add(Operation.Gate(OperationKind.X, [q]));
                state[q] = true;
            }
        }

        for (var g = 0; g < 40; g++)
        {
            var chosen = Enumerable.Range(0, qubits).OrderBy(_ => random.Next()).Take(3).ToArray();
            switch (random.Next(3))
            {
                case 0:
                    operations.Add(Operation.Gate(OperationKind.CX, chosen[..2]));
                    state[chosen[1]] ^= state[chosen[0]];
                    break;
                case 1:
                    operations.Add(Operation.Gate(OperationKind.Swap, chosen[..2]));
                    (state[chosen[0]], state[chosen[1]]) = (state[chosen[1]], state[chosen[0]]);
                    break;
                default:
                    operations.Add(Operation.Gate(OperationKind.CCX, chosen));
                    state[chosen[2]] ^= state[chosen[0]] && state[chosen[1]];
                    break;
            }
        }

        // Qubit q is measured into bit (q * 3) % 8 right after its last gate, so routing continues around measured qubits.
        var bitOf = Enumerable.Range(0, qubits).Select(q => (q * 3) % qubits).ToArray();
        var lastUse = Enumerable.Range(0, qubits).Select(q => operations.FindLastIndex(o => o.Qubits.Contains(q))).ToArray();
        var measured = new List<Operation>();
        for (var i = 0; i < operations.Count; i++)
        {
            measured.Add(operations[i]);
            measured.AddRange(Enumerable.Range(0, qubits).Where(q => lastUse[q] == i).Select(q => Operation.Measure(q, bitOf[q])));
        }

        measured.AddRange(Enumerable.Range(0, qubits).Where(q => lastUse[q] < 0).Select(q => Operation.Measure(q, bitOf[q])));
        var circuit = new Circuit(qubits, qubits, [], measured);
        var options = routing == "basic" ? RoutingOptions.Basic : RoutingOptions.Default;
        var routed = new HardwareTarget([.. HardwareTarget.IbmGates], map, options).Transpile(circuit);
        RoutingFixtures.AssertRespects(routed.Circuit, map, [.. HardwareTarget.IbmGates]);
        if (routing == "sabre")
        {
            Assert.That(routed.Circuit.HasMidCircuitMeasurement, Is.False, "final measurements are written after every SWAP");
        }

        var used = routed.Circuit.Operations.SelectMany(o => o.Qubits).Distinct().Order().ToArray();
        var compact = routed.Circuit.WithOperations(routed.Circuit.Operations.Select(o => o.Remap(q => Array.IndexOf(used, q))));
        compact = new Circuit(used.Length, qubits, [], compact.Operations);
        using var cpu = LoopbackServer.Cpu();
        var result = await cpu.ExecuteAsync(new ExecutionRequest { Circuit = compact, Bindings = BindingTable.FromRows([[]]), Outputs = ResultKinds.Samples, Shots = 16, Seed = 5 });
        var expected = Enumerable.Range(0, qubits).Where(q => state[q]).Aggregate(0UL, (bits, q) => bits | (1UL << bitOf[q]));
        Assert.That(Enumerable.Range(0, 16).Select(s => result.Samples!.Outcome(0, s)), Is.All.EqualTo(expected), $"bits {Convert.ToString((long)expected, 2)}");
    }

    [Test]
    public async Task TheRemoteBackendRoutesOntoADirectedMapFileAndItsSamplesReadLogicalBits()
    {
        // IBM's 7-qubit "H" (Casablanca/Jakarta), each edge one way.
        var file = Path.Combine(_directory, "h7.json");
        File.WriteAllText(file, "{\"coupling_map\": [[0, 1], [2, 1], [1, 3], [5, 3], [4, 5], [6, 5]], \"directed\": true}");
        var map = CouplingMap.Load(file, "coupling-map");
        await using var server = await LoopbackServer.StartAsync();
        using var remote = server.CreateRemote("gates=ibm", $"coupling-map={file}");
        using var cpu = LoopbackServer.Cpu();
        var builder = new CircuitBuilder(5, 5);
        var theta = builder.Input("theta");
        var circuit = builder.H(0).CX(0, 4).RY(2, theta).CX(2, 0).CZ(4, 1).CX(3, 1).CCX(0, 1, 3).CX(4, 2).Build();
        var measured = circuit.WithOperations([.. circuit.Operations, .. Enumerable.Range(0, 5).Select(q => Operation.Measure(q, 4 - q))]);
        var bindings = BindingTable.FromRows([[0.8]]);
        const int shots = 20_000;
        var result = await remote.ExecuteAsync(new ExecutionRequest { Circuit = measured, Bindings = bindings, Outputs = ResultKinds.Samples | ResultKinds.Probabilities, Shots = shots, Seed = 4 });
        var exact = await cpu.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Bindings = bindings, Outputs = ResultKinds.Probabilities });

        var frequencies = new double[32];
        for (var s = 0; s < shots; s++)
        {
            frequencies[(int)result.Samples!.Outcome(0, s)] += 1.0 / shots;
        }

        for (var i = 0; i < 32; i++)
        {
            var p = exact.Probabilities![0, i];
            var tolerance = (5 * Math.Sqrt(p * (1 - p) / shots)) + 1e-3;
            Assert.That(result.Probabilities![0, i], Is.EqualTo(p).Within(tolerance), $"P({i}) from the unmeasured circuit's final layout");
            var reversed = Enumerable.Range(0, 5).Sum(q => ((i >> q) & 1) << (4 - q));
            Assert.That(frequencies[reversed], Is.EqualTo(p).Within(tolerance), $"samples of {i}: qubit q was read into bit 4 - q");
        }

        foreach (var pub in server.Server.Jobs.Single().Pubs)
        {
            Assert.That(pub.Circuit.QubitCount, Is.EqualTo(7), "the device's width");
            RoutingFixtures.AssertRespects(pub.Circuit, map, [.. HardwareTarget.IbmGates]);
        }
    }

    [Test]
    public void ADisconnectedMapIsRefusedNamingTheQubitsThatCannotReachEachOther()
    {
        var map = Load("[[0, 1], [1, 2], [3, 4]]");
        var chain = new CircuitBuilder(4).CX(0, 1).CX(1, 2).CX(2, 3).Build();
        var error = Assert.Throws<QmlException>(() => new HardwareTarget(null, map).Transpile(chain))!;
        Assert.That(error.Message, Does.Contain("not connected").And.Contain("{0, 1, 2}, {3, 4}").And.Contain("logical qubits 0, 1, 2, 3").And.Contain("need 4"));

        var trivial = Assert.Throws<QmlException>(() => new HardwareTarget(null, map, new RoutingOptions(RoutingMethod.Sabre, LayoutMethod.Trivial)).Transpile(new CircuitBuilder(4).CX(0, 3).Build()))!;
        Assert.That(trivial.Message, Does.Contain("physical qubits 0 and 3").And.Contain("not connected").And.Contain("layout=sabre"));
        var basic = Assert.Throws<QmlException>(() => new HardwareTarget(null, map, RoutingOptions.Basic).Transpile(new CircuitBuilder(4).CX(0, 3).Build()))!;
        Assert.That(basic.Message, Does.Contain("physical qubits 0 and 3").And.Contain("not connected"));
    }

    [Test]
    public async Task OnADisconnectedMapSabreLayoutPlacesEachGroupOfInteractingQubitsInOnePart()
    {
        var map = Load("[[0, 1], [1, 2], [3, 4], [4, 5]]");
        var circuit = new CircuitBuilder(5).H(0).CX(0, 4).CX(4, 2).RY(1, 0.4).CX(1, 3).CX(3, 1).CX(2, 0).Build();
        var routed = new HardwareTarget([.. HardwareTarget.IbmGates], map).Transpile(circuit);
        RoutingFixtures.AssertRespects(routed.Circuit, map, [.. HardwareTarget.IbmGates]);
        Assert.That(map.Components[routed.Layout[0]], Is.EqualTo(map.Components[routed.Layout[4]]).And.EqualTo(map.Components[routed.Layout[2]]));
        Assert.That(map.Components[routed.Layout[1]], Is.EqualTo(map.Components[routed.Layout[3]]));
        await RoutingFixtures.AssertSameDistributionAsync(new Circuit(5, 0, [], circuit.Operations), routed);
    }

    [Test]
    public void ACircuitWiderThanTheMapIsRefusedWithBothSizes()
    {
        var map = Load("[[0, 1], [1, 2], [2, 3], [3, 4]]");
        var error = Assert.Throws<QmlException>(() => new HardwareTarget(null, map).Transpile(new CircuitBuilder(6).CX(0, 5).Build()))!;
        Assert.That(error.Message, Does.Contain("6 qubits").And.Contain("only 5"));
    }

    [TestCase("star")]
    [TestCase("line")]
    public async Task AdversarialCircuitsTerminateAndStayExact(string shape)
    {
        // Every pair interacts, in an order that pulls qubits back and forth: on a star every gate
        // competes for the hub; on a line the far ends alternate (the ping-pong SABRE's decay is for).
        var map = shape == "star"
            ? CouplingMap.Create("star", [.. Enumerable.Range(1, 7).Select(i => (0, i))])
            : CouplingMap.Create("line", [.. Enumerable.Range(0, 9).Select(i => (i, i + 1))]);
        var n = map.Qubits;
        var operations = new List<Operation>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < n; i++)
            {
                operations.Add(Operation.Gate(OperationKind.RY, [i], 0.3 + (0.1 * i) + round));
                for (var j = n - 1; j > i; j--)
                {
                    operations.Add(Operation.Gate(OperationKind.CX, (i + round) % 2 == 0 ? [i, j] : [j, i]));
                }
            }
        }

        var circuit = new Circuit(n, 0, [], operations);
        var routed = new HardwareTarget(null, map).Transpile(circuit);
        RoutingFixtures.AssertRespects(routed.Circuit, map, null);
        Assert.That(routed.Swaps, Is.GreaterThan(0));
        await RoutingFixtures.AssertSameDistributionAsync(circuit, routed);
    }

    [TestCase(0)]
    [TestCase(1)]
    public async Task TheReleaseValveRoutesExactlyWhenTheHeuristicStalls(int releaseAfter)
    {
        // Opening the valve after so few SWAPs forces it on most gates: undone SWAPs must leave no trace.
        var map = RoutingFixtures.Grid(3, 4);
        var circuit = RoutingFixtures.RandomCircuit(10, 40, 31 + releaseAfter);
        var native = ImmutableHashSet.Create(OperationKind.U, OperationKind.CX, OperationKind.Measure, OperationKind.Reset, OperationKind.Barrier);
        var decomposed = Qml.Abstractions.Decomposition.CircuitDecomposer.Decompose(circuit, new GateSet(native));
        var layout = Enumerable.Range(0, map.Qubits).Reverse().ToArray();
        var result = SabreRouter.Route(new DependencyDag(decomposed.Operations, decomposed.QubitCount), map, layout, seed: 1, emit: true, releaseAfter);
        Assert.That(result.Releases, Is.GreaterThan(0), "the valve opened");
        Assert.That(result.Operations!.Count(o => o.Kind == OperationKind.Swap), Is.EqualTo(result.Swaps), "undone SWAPs are not counted");

        var routed = new TranspiledCircuit(
            new Circuit(map.Qubits, 0, decomposed.Symbols, EdgeDirections.Apply(result.Operations!, map, native)),
            [.. result.FinalLayout.Take(circuit.QubitCount)]);
        RoutingFixtures.AssertRespects(routed.Circuit, map, native);
        await RoutingFixtures.AssertSameDistributionAsync(circuit, routed);
    }

    [Test]
    public void RoutingOptionsAreValidatedNamingTheOptionAndTheValidValues()
    {
        var routing = Assert.Throws<QmlException>(() => RemoteSettings.Parse(BackendOptions.Parse(["routing=lookahead"]), "t"))!;
        Assert.That(routing.Message, Does.Contain("routing 'lookahead'").And.Contain("basic").And.Contain("sabre"));
        var layout = Assert.Throws<QmlException>(() => RemoteSettings.Parse(BackendOptions.Parse(["layout=dense"]), "t"))!;
        Assert.That(layout.Message, Does.Contain("layout 'dense'").And.Contain("trivial").And.Contain("sabre"));

        Assert.That(RemoteSettings.Parse(BackendOptions.Parse([]), "t").Target.Routing, Is.EqualTo(new RoutingOptions(RoutingMethod.Sabre, LayoutMethod.Sabre)));
        Assert.That(RemoteSettings.Parse(BackendOptions.Parse(["routing=basic", "layout=trivial", "coupling=linear"]), "t").Target.Routing, Is.EqualTo(RoutingOptions.Basic));
        Assert.That(RemoteSettings.Parse(BackendOptions.Parse(["routing=sabre", "layout=trivial"]), "t").Target.Routing, Is.EqualTo(new RoutingOptions(RoutingMethod.Sabre, LayoutMethod.Trivial)));
    }

    [Test]
    public void CouplingMapFilesAreUndirectedUnlessTheySayDirected()
    {
        var plain = Load("[[0, 1], [1, 2]]");
        Assert.That(plain.IsDirected, Is.False);
        Assert.That(plain.Allows(1, 0) && plain.Allows(0, 1), Is.True);

        var ibm = Load("{\"coupling_map\": [[0, 1], [2, 1]]}");
        Assert.That(ibm.IsDirected, Is.False, "IBM's field without \"directed\" keeps the old meaning");

        var directed = Load("{\"coupling_map\": [[0, 1], [2, 1], [1, 2]], \"directed\": true}");
        Assert.That(directed.IsDirected, Is.True);
        Assert.That(directed.Allows(0, 1), Is.True);
        Assert.That(directed.Allows(1, 0), Is.False);
        Assert.That(directed.Allows(1, 2) && directed.Allows(2, 1), Is.True, "both directions listed: both allowed");
        Assert.That(directed.Adjacent(1, 0), Is.True, "a SWAP may use an edge either way");

        var bad = Assert.Throws<QmlException>(() => Load("{\"coupling_map\": [[0, 1]], \"directed\": \"yes\"}"))!;
        Assert.That(bad.Message, Does.Contain("\"directed\" must be true or false"));
    }

    [Test]
    public void ACxAgainstADirectedEdgeIsTurnedWithHadamardsInTheNativeGates()
    {
        var map = Load("{\"coupling_map\": [[0, 1]], \"directed\": true}");
        var circuit = new CircuitBuilder(2).CX(1, 0).Build();
        var ibm = new HardwareTarget([.. HardwareTarget.IbmGates], map, RoutingOptions.Basic).Transpile(circuit).Circuit.Operations;
        Assert.That(ibm.Select(o => o.Kind), Is.EqualTo(new[]
        {
            OperationKind.RZ, OperationKind.SX, OperationKind.RZ, OperationKind.RZ, OperationKind.SX, OperationKind.RZ,
            OperationKind.CX,
            OperationKind.RZ, OperationKind.SX, OperationKind.RZ, OperationKind.RZ, OperationKind.SX, OperationKind.RZ,
        }));
        Assert.That(ibm.Single(o => o.Kind == OperationKind.CX).Qubits, Is.EqualTo(new[] { 0, 1 }));

        var any = new HardwareTarget(null, map, RoutingOptions.Basic).Transpile(circuit).Circuit.Operations;
        Assert.That(any.Select(o => o.Kind), Is.EqualTo(new[] { OperationKind.H, OperationKind.H, OperationKind.CX, OperationKind.H, OperationKind.H }));
        var symmetric = new HardwareTarget(null, map, RoutingOptions.Basic).Transpile(new CircuitBuilder(2).CZ(1, 0).Build()).Circuit.Operations;
        Assert.That(symmetric.Single().Qubits, Is.EqualTo(new[] { 0, 1 }), "cz is symmetric: only its qubits are listed the other way");
    }

    private CouplingMap Map(string name, int qubits) => name switch
    {
        "linear" => CouplingMap.Linear(0),
        "ring" => RoutingFixtures.Ring(qubits),
        "ring-directed" => RoutingFixtures.Ring(qubits, directed: true, seed: qubits),
        "grid" => RoutingFixtures.Grid(3, (qubits + 2) / 3),
        "grid-directed" => RoutingFixtures.Grid(3, (qubits + 2) / 3, directed: true, seed: qubits),
        "heavy-hex" => RoutingFixtures.HeavyHexFile(_directory, directed: false),
        "heavy-hex-directed" => RoutingFixtures.HeavyHexFile(_directory, directed: true, seed: qubits),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown map"),
    };

    private CouplingMap Load(string json)
    {
        var path = Path.Combine(_directory, $"map-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return CouplingMap.Load(path, "coupling-map");
    }
}
