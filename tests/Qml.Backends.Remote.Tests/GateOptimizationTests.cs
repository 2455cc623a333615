using System.Collections.Immutable;
using System.Globalization;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote.Tests;

/// <summary>The optimization pass after decomposition and routing (<c>-o optimization=0|1</c>).</summary>
[TestFixture]
public sealed class GateOptimizationTests
{
    private static readonly double[] Values = [0.37, -1.2];

    private string _directory = string.Empty;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("qml-optimize-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    public static IEnumerable<TestCaseData> Workloads()
    {
        // map ("none" = no routing), circuit qubits, seed, gate set, bind the symbols before transpiling
        yield return new TestCaseData("none", 3, 1, "ibm", false);
        yield return new TestCaseData("none", 5, 2, "u,cx", true);
        yield return new TestCaseData("none", 4, 3, "ibm", true);
        yield return new TestCaseData("linear", 6, 4, "ibm", false);
        yield return new TestCaseData("ring-directed", 8, 5, "ibm", true);
        yield return new TestCaseData("ring-directed", 7, 6, "u,cx", false);
        yield return new TestCaseData("grid-directed", 9, 7, "u,cx", true);
        yield return new TestCaseData("grid", 10, 8, "ibm", false);
        yield return new TestCaseData("heavy-hex-directed", 6, 9, "ibm", true);
        yield return new TestCaseData("heavy-hex-directed", 5, 10, "u,cx", false);
        yield return new TestCaseData("none", 4, 11, "rz,sx,cx", true);
        yield return new TestCaseData("ring-directed", 5, 12, "rz,sx,cx", false);
        yield return new TestCaseData("grid-directed", 6, 13, "u,p,cx", true);
    }

    [TestCaseSource(nameof(Workloads))]
    public async Task OptimizedRandomCircuitsKeepTheExactUnitaryIncludingThePhaseAndTheTargetsConstraints(string mapName, int qubits, int seed, string gateNames, bool bindFirst)
    {
        var map = Map(mapName, qubits);
        var gates = HardwareTarget.ParseGates(gateNames, "gates")!;
        var circuit = RoutingFixtures.RandomCircuit(qubits, 40, seed);
        if (bindFirst)
        {
            circuit = circuit.Bind(Values);
        }

        var plain = new HardwareTarget(gates, map).Transpile(circuit);
        var optimized = new HardwareTarget(gates, map, optimization: 1).Transpile(circuit);
        Assert.That(optimized.Layout, Is.EqualTo(plain.Layout), "optimization leaves the layout alone");
        Assert.That(optimized.Unoptimized, Is.EqualTo(plain.Counts));
        Assert.That(optimized.Counts.Gates, Is.LessThan(plain.Counts.Gates), "the optimizer removed gates");
        Assert.That(optimized.Counts.MultiQubitGates, Is.LessThanOrEqualTo(plain.Counts.MultiQubitGates));
        TestContext.Out.WriteLine($"{mapName} {gateNames}: {plain.Counts} -> {optimized.Counts}");
        var again = GateOptimizer.Optimize(optimized.Circuit, gates.Union([OperationKind.Measure, OperationKind.Barrier, OperationKind.Reset]));
        Assert.That(again.Operations, Is.EqualTo(optimized.Circuit.Operations), "the pass stopped at a fixed point");

        var device = map?.For(qubits) ?? CouplingMap.Create("all-to-all", [.. Enumerable.Range(0, qubits).SelectMany(a => Enumerable.Range(a + 1, qubits - a - 1).Select(b => (a, b)))]);
        RoutingFixtures.AssertRespects(optimized.Circuit, device, gates.Union([OperationKind.Measure, OperationKind.Barrier, OperationKind.Reset]));

        var used = plain.Circuit.Operations.SelectMany(o => o.Qubits).Concat(plain.Layout).Distinct().ToArray();
        Assert.That(optimized.Circuit.Operations.SelectMany(o => o.Qubits).Distinct(), Is.SubsetOf(used));
        Assert.That(used, Has.Length.LessThanOrEqualTo(14), "small enough to simulate");
        var expected = Bound(ExactStates.Compact(plain.Circuit, used));
        var actual = Bound(ExactStates.Compact(optimized.Circuit, used));
        var input = ExactStates.RandomState(used.Length, seed);
        ExactStates.AssertEqual(ExactStates.Apply(actual, input), ExactStates.Apply(expected, input), 1e-10, "optimized against unoptimized, with the global phase");

        if (map is not null)
        {
            await RoutingFixtures.AssertSameDistributionAsync(circuit, optimized);
        }
    }

    [TestCase("any", 0)]
    [TestCase("any", 1)]
    [TestCase("any", 2)]
    [TestCase("ibm", 3)]
    [TestCase("ibm", 4)]
    [TestCase("u,cx", 5)]
    [TestCase("h,rz,cx", 6)]
    [TestCase("h,rz,cx", 7)]
    public void CircuitsFullOfCancellationsStayExact(string basis, int seed)
    {
        // Few qubits and a small alphabet: gates meet their inverses and commuting partners all the time.
        OperationKind[] alphabet = basis switch
        {
            "ibm" => [OperationKind.RZ, OperationKind.SX, OperationKind.X, OperationKind.CX, OperationKind.CX],
            "u,cx" => [OperationKind.U, OperationKind.CX, OperationKind.CX],

            // H·RZ·H runs commute with a CX target as a whole, not gate by gate.
            "h,rz,cx" => [OperationKind.H, OperationKind.H, OperationKind.RZ, OperationKind.T, OperationKind.CX, OperationKind.CX],
            _ => [OperationKind.H, OperationKind.X, OperationKind.SX, OperationKind.RZ, OperationKind.P, OperationKind.T, OperationKind.S, OperationKind.RX, OperationKind.U, OperationKind.CX, OperationKind.CX, OperationKind.CZ,
                  OperationKind.Swap, OperationKind.CP, OperationKind.CRZ, OperationKind.CRX, OperationKind.RZZ, OperationKind.RXX, OperationKind.CCX, OperationKind.CSwap],
        };
        var native = basis is "any" or "h,rz,cx"
            ? Enum.GetValues<OperationKind>().Where(k => k != OperationKind.Unitary).ToImmutableHashSet()
            : HardwareTarget.ParseGates(basis, "gates")!.Union([OperationKind.Measure, OperationKind.Barrier, OperationKind.Reset]);
        var random = new Random(seed);
        var builder = new CircuitBuilder(4);
        Angle[] symbols = [builder.Input("a"), builder.Input("b")];
        var operations = new List<Operation>();
        for (var g = 0; g < 120; g++)
        {
            var kind = alphabet[random.Next(alphabet.Length)];
            var definition = GateDefinition.Of(kind);
            var qubits = Enumerable.Range(0, 4).OrderBy(_ => random.Next()).Take(definition.QubitCount).ToArray();
            Angle Pick() => random.Next(4) switch
            {
                0 => symbols[random.Next(2)] * (random.Next(2) == 0 ? 1.0 : -1.0),
                1 => Math.PI / 2 * random.Next(-2, 3),
                _ => Math.Round((random.NextDouble() * 6) - 3, 1),
            };
            var angles = Enumerable.Range(0, definition.AngleCount).Select(_ => Pick()).ToArray();
            if (kind == OperationKind.U && random.Next(3) == 0)
            {
                angles[0] = 0.0;
            }

            operations.Add(Operation.Gate(kind, qubits, angles));
        }

        var circuit = new Circuit(4, 0, builder.Build().Symbols, operations, Angle.FromSymbol(0, 0.5, 0.1));
        var optimized = GateOptimizer.Optimize(circuit, native);
        TestContext.Out.WriteLine($"{basis}: {GateCounts.Of(circuit.Operations)} -> {GateCounts.Of(optimized.Operations)}");
        Assert.That(optimized.Operations.Length, Is.LessThan(circuit.Operations.Length));
        Assert.That(optimized.Operations.Select(o => o.Kind), Is.All.Matches<OperationKind>(native.Contains));
        foreach (var values in new[] { Values, [2.2, -0.4] })
        {
            AssertSameUnitary(circuit.Bind(values), optimized.Bind(values));
        }
    }

    [Test]
    public void TwoFlippedCxInARowLoseTheirHadamardsAndThenCancel()
    {
        // Against the edge each CX is H⊗H·CX·H⊗H: the four H between the two meet and cancel, then the CX pair, then the outer four.
        var map = Load("{\"coupling_map\": [[0, 1]], \"directed\": true}");
        var circuit = new CircuitBuilder(2).CX(1, 0).CX(1, 0).Build();
        var plain = new HardwareTarget(null, map, RoutingOptions.Basic).Transpile(circuit).Circuit;
        Assert.That(plain.Operations.Count(o => o.Kind == OperationKind.H), Is.EqualTo(8));
        var optimized = new HardwareTarget(null, map, RoutingOptions.Basic, optimization: 1).Transpile(circuit).Circuit;
        Assert.That(optimized.Operations, Is.Empty);

        // T on the control commutes with the CX; on the device qubit 1 is the target, between H and H:
        // the run H·T·H as a whole commutes with X, so the CX still meet and cancel, and only T is left.
        var blocked = new CircuitBuilder(2).CX(1, 0).T(1).CX(1, 0).Build();
        var ibm = new HardwareTarget([.. HardwareTarget.IbmGates], map, RoutingOptions.Basic).Transpile(blocked);
        var ibmOptimized = new HardwareTarget([.. HardwareTarget.IbmGates], map, RoutingOptions.Basic, optimization: 1).Transpile(blocked);
        TestContext.Out.WriteLine($"cx(1,0)·t(1)·cx(1,0) on a directed edge, ibm gates: {ibm.Counts} -> {ibmOptimized.Counts}");
        Assert.That(ibmOptimized.Circuit.Operations.Select(o => o.Kind), Is.EqualTo(new[] { OperationKind.RZ }));
        Assert.That(ibmOptimized.Circuit.Operations[0].Qubits, Is.EqualTo(new[] { 1 }));
        Assert.That(ibmOptimized.Circuit.Operations[0].Angles[0].Constant, Is.EqualTo(Math.PI / 4).Within(1e-12));
        AssertSameUnitary(ibm.Circuit, ibmOptimized.Circuit);

        // H·S·H·S on the target is not X-type: the CX stay, but the H between them on the other qubit go.
        var kept = new CircuitBuilder(2).CX(1, 0).H(1).S(1).CX(1, 0).Build();
        var keptPlain = new HardwareTarget([.. HardwareTarget.IbmGates], map, RoutingOptions.Basic).Transpile(kept);
        var keptOptimized = new HardwareTarget([.. HardwareTarget.IbmGates], map, RoutingOptions.Basic, optimization: 1).Transpile(kept);
        Assert.That(keptOptimized.Counts.MultiQubitGates, Is.EqualTo(2));
        Assert.That(keptOptimized.Counts.Gates, Is.LessThan(keptPlain.Counts.Gates));
        AssertSameUnitary(keptPlain.Circuit, keptOptimized.Circuit);
        AssertSameUnitary(ibm.Circuit, ibmOptimized.Circuit);
    }

    [TestCase("ibm")]
    [TestCase("u,cx")]
    [TestCase("any")]
    public void HTwiceVanishes(string gateNames)
    {
        var gates = gateNames == "any" ? null : HardwareTarget.ParseGates(gateNames, "gates");
        var circuit = new CircuitBuilder(2).H(0).H(0).CX(0, 1).H(1).H(1).Build();
        var optimized = new HardwareTarget(gates, CouplingMap.Linear(0), RoutingOptions.Basic, optimization: 1).Transpile(circuit).Circuit;
        Assert.That(optimized.Operations.Select(o => o.ToString()), Is.EqualTo(new[] { "cx q[0, 1]" }));
        Assert.That(OneQubitSynthesis.Wrap(optimized.GlobalPhase.Constant - new HardwareTarget(gates, CouplingMap.Linear(0), RoutingOptions.Basic).Transpile(circuit).Circuit.GlobalPhase.Constant), Is.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void ARunOfFiveOneQubitGatesBecomesAtMostFiveRzSxGatesWithAtMostTwoSx()
    {
        var circuit = new CircuitBuilder(1).H(0).T(0).RY(0, 0.7).SX(0).RX(0, 1.1).Build();
        var target = new HardwareTarget([.. HardwareTarget.IbmGates], null);
        var plain = target.Transpile(circuit).Circuit;
        var optimized = new HardwareTarget([.. HardwareTarget.IbmGates], null, optimization: 1).Transpile(circuit).Circuit;
        TestContext.Out.WriteLine($"h·t·ry·sx·rx in rz,sx,x: {plain.Operations.Length} gates -> {optimized.Operations.Length}: {string.Join(" ", optimized.Operations)}");
        Assert.That(optimized.Operations.Length, Is.LessThanOrEqualTo(5).And.LessThan(plain.Operations.Length));
        Assert.That(optimized.Operations.Select(o => o.Kind), Is.All.AnyOf(OperationKind.RZ, OperationKind.SX));
        Assert.That(optimized.Operations.Count(o => o.Kind == OperationKind.SX), Is.LessThanOrEqualTo(2));
        AssertSameUnitary(plain, optimized);
    }

    [TestCase(1.0, 1)]
    [TestCase(0.0, 0)]
    public void ShortcutsDiagonalAntiDiagonalAndOneSx(double angle, int rz)
    {
        var ibm = new HardwareTarget([.. HardwareTarget.IbmGates], null, optimization: 1);

        // Diagonal: one rz (or nothing).
        var diagonal = ibm.Transpile(new CircuitBuilder(1).RZ(0, angle).T(0).S(0).Z(0).Tdg(0).Sdg(0).Z(0).Build()).Circuit;
        Assert.That(diagonal.Operations.Select(o => o.Kind), Is.EqualTo(Enumerable.Repeat(OperationKind.RZ, rz)));

        // X up to a phase: one x; an anti-diagonal: rz then x.
        var flip = ibm.Transpile(new CircuitBuilder(1).SX(0).RZ(0, angle).RZ(0, -angle).H(0).Z(0).H(0).SX(0).SX(0).SX(0).Build()).Circuit;
        Assert.That(flip.Operations.Select(o => o.Kind), Is.EqualTo(new[] { OperationKind.X }));
        var anti = ibm.Transpile(new CircuitBuilder(1).RY(0, Math.PI).RZ(0, 0.3).Build()).Circuit;
        Assert.That(anti.Operations.Select(o => o.Kind), Is.EqualTo(new[] { OperationKind.RZ, OperationKind.X }));

        // θ = π/2: rz·sx·rz.
        var half = ibm.Transpile(new CircuitBuilder(1).RZ(0, 0.4).RY(0, Math.PI / 2).RZ(0, -1.3).Build()).Circuit;
        Assert.That(half.Operations.Select(o => o.Kind), Is.EqualTo(new[] { OperationKind.RZ, OperationKind.SX, OperationKind.RZ }));

        // In u,cx every run is one u, and a diagonal run one u(0, 0, λ).
        var u = new HardwareTarget(HardwareTarget.ParseGates("u,cx", "gates"), null, optimization: 1).Transpile(new CircuitBuilder(1).H(0).RY(0, 0.3).T(0).SX(0).Build()).Circuit;
        Assert.That(u.Operations.Select(o => o.Kind), Is.EqualTo(new[] { OperationKind.U }));

        var plain = new HardwareTarget([.. HardwareTarget.IbmGates], null);
        foreach (var (source, written) in new[]
        {
            (new CircuitBuilder(1).RZ(0, angle).T(0).S(0).Z(0).Tdg(0).Sdg(0).Z(0).Build(), diagonal),
            (new CircuitBuilder(1).SX(0).RZ(0, angle).RZ(0, -angle).H(0).Z(0).H(0).SX(0).SX(0).SX(0).Build(), flip),
            (new CircuitBuilder(1).RY(0, Math.PI).RZ(0, 0.3).Build(), anti),
            (new CircuitBuilder(1).RZ(0, 0.4).RY(0, Math.PI / 2).RZ(0, -1.3).Build(), half),
            (new CircuitBuilder(1).H(0).RY(0, 0.3).T(0).SX(0).Build(), u),
        })
        {
            // The decomposition into rz, sx keeps the phase loosely; the optimizer keeps the decomposed circuit's exactly.
            AssertSameUnitary(source.Operations.Any(o => o.Kind == OperationKind.H) && written == u ? new HardwareTarget(HardwareTarget.ParseGates("u,cx", "gates"), null).Transpile(source).Circuit : plain.Transpile(source).Circuit, written);
        }
    }

    [Test]
    public void CxPairsCancelAcrossUnrelatedAndCommutingGates()
    {
        var target = new HardwareTarget(null, null, optimization: 1);

        // An unrelated gate between them.
        var unrelated = new CircuitBuilder(3).CX(0, 1).H(2).CX(0, 1).Build();
        Assert.That(Kinds(target.Transpile(unrelated).Circuit), Is.EqualTo(new[] { OperationKind.H }));

        // rz on the control, x on the target and a CX sharing the control all commute with the pair.
        var commuting = new CircuitBuilder(3).CX(0, 1).RZ(0, 0.4).X(1).CX(0, 2).CX(0, 1).Build();
        var optimized = target.Transpile(commuting).Circuit;
        Assert.That(optimized.Operations.Count(o => o.Kind == OperationKind.CX), Is.EqualTo(1));
        Assert.That(optimized.Operations.Single(o => o.Kind == OperationKind.CX).Qubits, Is.EqualTo(new[] { 0, 2 }));
        AssertSameUnitary(commuting, optimized);

        // A CX sharing a target with a control does not commute: nothing cancels.
        var blocked = new CircuitBuilder(3).CX(0, 1).CX(1, 2).CX(0, 1).Build();
        Assert.That(target.Transpile(blocked).Circuit.Operations, Has.Length.EqualTo(3));
        var hBlocked = new CircuitBuilder(2).CX(0, 1).H(0).CX(0, 1).Build();
        Assert.That(target.Transpile(hBlocked).Circuit.Operations, Has.Length.EqualTo(3));

        // Rotations meet through a control and through a target; cz and swap pairs cancel whichever way round.
        var rotations = new CircuitBuilder(2).RZ(0, 0.3).X(1).CX(0, 1).RZ(0, 0.5).X(1).CZ(0, 1).CZ(1, 0).Swap(0, 1).Swap(1, 0).Build();
        var merged = target.Transpile(rotations).Circuit;
        Assert.That(Kinds(merged), Is.EqualTo(new[] { OperationKind.CX, OperationKind.RZ }));
        Assert.That(merged.Operations[1].Angles[0].Constant, Is.EqualTo(0.8).Within(1e-12));
        AssertSameUnitary(rotations, merged);
    }

    [Test]
    public void ASwapIsWrittenTheWayThatLetsOneOfItsCxCancelWithACxBesideIt()
    {
        // CX(0,1)·CX(1,0)·CX(0,1) is a SWAP; so is CX(1,0)·CX(0,1)·CX(1,0), whose last CX cancels the circuit's CX(1,0).
        var swapThenCx = new CircuitBuilder(3).H(2).CX(0, 1).CX(1, 0).CX(0, 1).CX(1, 0).CX(1, 2).Build();
        var native = HardwareTarget.IbmGates.Append(OperationKind.H).ToImmutableHashSet();
        var optimized = GateOptimizer.Optimize(swapThenCx, native);
        Assert.That(optimized.Operations.Select(o => o.ToString()), Is.EqualTo(new[] { "h q[2]", "cx q[1, 0]", "cx q[0, 1]", "cx q[1, 2]" }));
        AssertSameUnitary(swapThenCx, optimized);

        var cxThenSwap = new CircuitBuilder(2).CX(1, 0).CX(0, 1).CX(1, 0).CX(0, 1).Build();
        Assert.That(GateOptimizer.Optimize(cxThenSwap, native).Operations, Has.Length.EqualTo(2));

        // On an edge that allows only 0 → 1 the SWAP may not be turned (its CX(1,0) came with H around it anyway).
        Assert.That(GateOptimizer.Optimize(swapThenCx, native, (c, t) => c == 0 || t == 2).Operations, Has.Length.EqualTo(6));
    }

    [Test]
    public void ARunThatCommutesWithXHopsOverACxTargetAndJoinsTheNextRun()
    {
        var ibm = new HardwareTarget([.. HardwareTarget.IbmGates], null);
        var optimizing = new HardwareTarget([.. HardwareTarget.IbmGates], null, optimization: 1);

        // RX(0.7) commutes with the CX on its target: it joins RY(0.3)·T after the CX, one run of at most 5 gates.
        var target = new CircuitBuilder(2).RX(1, 0.7).CX(0, 1).RY(1, 0.3).T(1).Build();
        var plain = ibm.Transpile(target).Circuit;
        var optimized = optimizing.Transpile(target).Circuit;
        TestContext.Out.WriteLine($"{string.Join(" ", plain.Operations)} -> {string.Join(" ", optimized.Operations)}");
        Assert.That(optimized.Operations[0].ToString(), Is.EqualTo("cx q[0, 1]"), "nothing is left before the CX");
        Assert.That(optimized.Operations.Length, Is.LessThanOrEqualTo(6));
        AssertSameUnitary(plain, optimized);

        // On the control it does not commute: it stays before the CX.
        var control = new CircuitBuilder(2).RX(0, 0.7).CX(0, 1).RY(0, 0.3).T(0).Build();
        var stays = optimizing.Transpile(control).Circuit;
        Assert.That(stays.Operations[0].Kind, Is.Not.EqualTo(OperationKind.CX));
        AssertSameUnitary(ibm.Transpile(control).Circuit, stays);
    }

    [Test]
    public void XPairsCancelThroughACxTargetInTheIbmGates()
    {
        var circuit = new CircuitBuilder(2).X(1).CX(0, 1).X(1).CX(0, 1).Build();
        var target = new HardwareTarget([.. HardwareTarget.IbmGates], null, optimization: 1);
        var optimized = target.Transpile(circuit).Circuit;
        Assert.That(optimized.Operations, Is.Empty, "x·cx·x·cx: the x meet through the target, then the CX pair cancels");
        Assert.That(OneQubitSynthesis.Wrap(optimized.GlobalPhase.Constant), Is.EqualTo(0).Within(1e-12));

        var halves = new CircuitBuilder(2).SX(1).CX(0, 1).SX(1).Build();
        var x = target.Transpile(halves).Circuit;
        Assert.That(x.Operations.Select(o => o.ToString()), Is.EqualTo(new[] { "cx q[0, 1]", "x q[1]" }), "sx·sx through the target is x");
        AssertSameUnitary(new HardwareTarget([.. HardwareTarget.IbmGates], null).Transpile(halves).Circuit, x);
    }

    [Test]
    public void SymbolicRotationsMergeAsAffineAnglesAndOtherSymbolicGatesStay()
    {
        var builder = new CircuitBuilder(2);
        var a = builder.Input("a");
        var b = builder.Input("b");
        var circuit = builder.RZ(0, a).CX(0, 1).RZ(0, b * 2).RZ(0, 0.25).RY(1, a).RZ(1, 0.3).RZ(1, -a).CX(0, 1).RZ(1, a).Build();
        var plain = new HardwareTarget([.. HardwareTarget.IbmGates], null).Transpile(circuit).Circuit;
        var optimized = new HardwareTarget([.. HardwareTarget.IbmGates], null, optimization: 1).Transpile(circuit).Circuit;
        TestContext.Out.WriteLine(string.Join(" ", optimized.Operations));
        var rz0 = optimized.Operations.Where(o => o.Qubits.SequenceEqual([0])).ToArray();
        Assert.That(rz0, Has.Length.EqualTo(1), "rz(a), rz(2b), rz(0.25) on the control merge into one");
        Assert.That(rz0[0].Angles[0], Is.EqualTo(a + (b * 2) + 0.25));
        Assert.That(optimized.Operations.Length, Is.LessThan(plain.Operations.Length));
        Assert.That(optimized.Operations.Count(o => o.Kind == OperationKind.CX), Is.EqualTo(2), "ry(a) on the target keeps the CX apart");
        Assert.That(optimized.Operations[^1].ToString(), Is.EqualTo("rz(s0) q[1]"), "rz(a) after the CX's target meets nothing");

        foreach (var values in new[] { Values, [1.9, 0.05], [-2.5, 3.0] })
        {
            AssertSameUnitary(plain.Bind(values), optimized.Bind(values));
        }

        // Symbols that cancel leave nothing.
        var cancelling = new CircuitBuilder(2);
        var c = cancelling.Input("c");
        var gone = new HardwareTarget([.. HardwareTarget.IbmGates], null, optimization: 1).Transpile(cancelling.RZ(0, c * 2).CX(0, 1).RZ(0, c * -2).Build()).Circuit;
        Assert.That(gone.Operations.Select(o => o.ToString()), Is.EqualTo(new[] { "cx q[0, 1]" }));
    }

    [Test]
    public void DiagonalGatesAroundASymbolicUAreAbsorbedIntoItsAngles()
    {
        var builder = new CircuitBuilder(2);
        var a = builder.Input("a");
        var b = builder.Input("b");
        var circuit = builder.RZ(0, 0.4).T(0).U(0, a, b, 0.1).S(0).RZ(0, a * -0.5).CX(0, 1).RZ(0, b).Build();
        var gates = HardwareTarget.ParseGates("u,cx", "gates");
        var plain = new HardwareTarget(gates, null).Transpile(circuit).Circuit;
        var optimized = new HardwareTarget(gates, null, optimization: 1).Transpile(circuit).Circuit;
        TestContext.Out.WriteLine($"{string.Join(" ", plain.Operations)} -> {string.Join(" ", optimized.Operations)}");
        Assert.That(Kinds(optimized), Is.EqualTo(new[] { OperationKind.U, OperationKind.CX, OperationKind.U }), "one u before the CX: every diagonal gate went into the symbolic u's φ or λ");
        Assert.That(optimized.Operations[0].Angles[0], Is.EqualTo(a));
        foreach (var values in new[] { Values, [1.9, 0.05], [-2.5, 3.0] })
        {
            AssertSameUnitary(plain.Bind(values), optimized.Bind(values));
        }
    }

    [Test]
    public void MeasurementsResetsBarriersAndConditionsAreBoundaries()
    {
        var builder = new CircuitBuilder(6, 1);
        builder.X(0).Measure(0, 0).X(0);
        builder.H(1).Barrier(1, 2).H(1);
        builder.X(2).Reset(2).X(2);
        builder.X(3).Add(Operation.Gate(OperationKind.X, [3]).WithCondition(new ClassicalCondition([0], 1))).X(3);
        builder.CX(4, 5).Add(Operation.Gate(OperationKind.CX, [4, 5]).WithCondition(new ClassicalCondition([0], 1))).CX(4, 5);
        var circuit = builder.Build();
        var optimized = new HardwareTarget(null, null, optimization: 1).Transpile(circuit).Circuit;
        Assert.That(optimized.Operations, Is.EqualTo(circuit.Operations), "nothing meets across a measurement, barrier, reset or conditioned gate");
    }

    [Test]
    public void OnTheHeavyHexWithIbmGatesOptimizationRemovesGates()
    {
        // The figures of docs/benchmarks.md ("gates after optimization").
        // The routing benchmark's circuits (H and CX between random pairs), and random gates of every kind (bound).
        var workloads = new (string Name, Circuit[] Circuits)[]
        {
            ("h+cx (the routing benchmark's)", [.. Enumerable.Range(0, 20).Select(seed => RoutingFixtures.RandomCxCircuit(10, 60, 100 + seed))]),
            ("mixed gates", [.. Enumerable.Range(0, 20).Select(seed => RoutingFixtures.RandomCircuit(10, 60, 300 + seed).Bind(Values))]),
        };
        foreach (var (name, circuits) in workloads)
        {
            foreach (var directed in new[] { false, true })
            {
                var map = RoutingFixtures.HeavyHexFile(_directory, directed);
                var transpiled = circuits.Select(c => new HardwareTarget([.. HardwareTarget.IbmGates], map, optimization: 1).Transpile(c)).ToArray();
                var (before, after) = (transpiled.Sum(t => t.Unoptimized!.Gates), transpiled.Sum(t => t.Counts.Gates));
                var (cxBefore, cxAfter) = (transpiled.Sum(t => t.Unoptimized!.MultiQubitGates), transpiled.Sum(t => t.Counts.MultiQubitGates));
                var (sxBefore, sxAfter) = (transpiled.Sum(t => t.Unoptimized!.OneQubitPulses), transpiled.Sum(t => t.Counts.OneQubitPulses));
                TestContext.Out.WriteLine(
                    $"{name}: 20 random 10-qubit circuits on the {(directed ? "directed" : "undirected")} 27-qubit heavy hex, gates=ibm: "
                    + $"optimization=0 {before} gates ({cxBefore} cx, {sxBefore} sx/x), optimization=1 {after} gates ({cxAfter} cx, {sxAfter} sx/x): {(double)after / before:F2} of the gates, {(double)cxAfter / cxBefore:F2} of the cx, {(double)sxAfter / sxBefore:F2} of the sx/x");
                Assert.That(after, Is.LessThan(before));
                Assert.That(sxAfter, Is.LessThan(sxBefore));
                Assert.That(cxAfter, Is.LessThanOrEqualTo(cxBefore));
                Assert.That(transpiled.All(t => t.Counts.Gates < t.Unoptimized!.Gates), Is.True, "every circuit shrinks");
            }
        }
    }

    [Test]
    public async Task ThroughQmlServeTheOptimizedCircuitGivesTheSameResultsAndTheDiagnosticsCountTheGates()
    {
        await using var server = await LoopbackServer.StartAsync();
        var builder = new CircuitBuilder(3);
        var theta = builder.Input("theta");
        var circuit = builder.X(0).H(1).H(1).RY(1, theta).T(1).Tdg(1).CX(0, 2).CX(0, 2).CX(0, 2).Build();
        var details = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var level in new[] { "0", "1" })
        {
            using var remote = server.CreateRemote("gates=ibm", "coupling=linear", $"optimization={level}");
            var result = await remote.ExecuteAsync(new ExecutionRequest
            {
                Circuit = circuit,
                Bindings = BindingTable.FromRows([[0.9]]),
                Outputs = ResultKinds.Probabilities,
                Shots = 8000,
                Seed = 3,
            });
            var p1 = Math.Pow(Math.Sin(0.45), 2);
            var sigma = Math.Sqrt(p1 * (1 - p1) / 8000);
            Assert.That(result.Probabilities![0, 0b111], Is.EqualTo(p1).Within(5 * sigma), $"optimization={level}: P(q1 = 1)");
            Assert.That(result.Probabilities[0, 0b101] + result.Probabilities[0, 0b111], Is.EqualTo(1.0).Within(1e-12), $"optimization={level}: q0 and q2 are 1");
            details[level] = result.Diagnostics.Details;
        }

        TestContext.Out.WriteLine(string.Join("; ", details["1"].Select(d => $"{d.Key}={d.Value}")));
        Assert.That(details["0"].ContainsKey("unoptimized-gates"), Is.False);
        Assert.That(details["1"]["unoptimized-gates"], Is.EqualTo(details["0"]["transpiled-gates"]));
        Assert.That(int.Parse(details["1"]["transpiled-gates"], CultureInfo.InvariantCulture), Is.LessThan(int.Parse(details["0"]["transpiled-gates"], CultureInfo.InvariantCulture)));
        Assert.That(int.Parse(details["1"]["transpiled-two-qubit-gates"], CultureInfo.InvariantCulture), Is.LessThan(int.Parse(details["1"]["unoptimized-two-qubit-gates"], CultureInfo.InvariantCulture)), "two of the three CX(0, 2) cancel");
        Assert.That(details["1"]["swaps"], Is.EqualTo(details["0"]["swaps"]));
    }

    [Test]
    public void TheOptimizationOptionIsValidatedAndDefaultsToOne()
    {
        Assert.That(RemoteSettings.Parse(BackendOptions.Parse([]), "t").Target.Optimization, Is.EqualTo(1));
        Assert.That(RemoteSettings.Parse(BackendOptions.Parse(["optimization=0", "gates=ibm"]), "t").Target.Optimization, Is.EqualTo(0));
        Assert.That(RemoteSettings.Parse(BackendOptions.Parse(["optimization=1", "gates=ibm"]), "t").Target.Optimization, Is.EqualTo(1));
        foreach (var bad in new[] { "2", "high", "-1" })
        {
            var error = Assert.Throws<QmlException>(() => RemoteSettings.Parse(BackendOptions.Parse([$"optimization={bad}"]), "t"))!;
            Assert.That(error.Message, Does.Contain($"optimization '{bad}'").And.Contain("0").And.Contain("1"));
        }

        Assert.That(RemoteSettings.Documented.Select(o => o.Name), Does.Contain("optimization"));
        Assert.Throws<QmlException>(() => _ = new HardwareTarget(null, null, optimization: 3));
    }

    private static OperationKind[] Kinds(Circuit circuit) => [.. circuit.Operations.Select(o => o.Kind)];

    private static Circuit Bound(Circuit circuit) => circuit.Symbols.IsEmpty ? circuit : circuit.Bind(Values[..circuit.Symbols.Length]);

    private static void AssertSameUnitary(Circuit expected, Circuit actual)
    {
        var n = Math.Max(expected.QubitCount, actual.QubitCount);
        var widen = (Circuit c) => new Circuit(n, c.ClassicalBitCount, c.Symbols, c.Operations, c.GlobalPhase, c.Name);
        var input = ExactStates.RandomState(n, 17);
        ExactStates.AssertEqual(ExactStates.Apply(widen(actual), input), ExactStates.Apply(widen(expected), input), 1e-10, "same unitary with the phase");
    }

    private CouplingMap? Map(string name, int qubits) => name switch
    {
        "none" => null,
        "linear" => CouplingMap.Linear(0),
        "ring-directed" => RoutingFixtures.Ring(qubits, directed: true, seed: qubits),
        "grid" => RoutingFixtures.Grid(3, (qubits + 2) / 3),
        "grid-directed" => RoutingFixtures.Grid(3, (qubits + 2) / 3, directed: true, seed: qubits),
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
