using System.Collections.Immutable;
using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;
using Qml.Backends.Cpu.Tests.Support;

namespace Qml.Backends.Cpu.Tests;

/// <summary>The backend end to end against the naive oracle.</summary>
public sealed class CpuStatevectorBackendTests
{
    private static readonly ImmutableArray<Observable> Observables =
    [
        Observable.Z(0), Observable.Parse("0.5*X0 Y1 - 0.25*Z1 Z2 + Y2"), Observable.Parse("X1 X2 + 0.3"),
    ];

    [TestCase(3, 1)]
    [TestCase(4, 2)]
    [TestCase(6, 2)]
    [TestCase(15, 2)]
    public async Task StatesAndExpectationsMatchTheOracle(int n, int threads)
    {
        var random = new Random(n);
        var circuit = TestCircuits.Random(random, n, n >= 15 ? 40 : 60);
        var bindings = BindingTable.FromRows([[0.3, -1.1], [1.7, 0.4], [-0.2, 2.5]]);
        using var backend = TestBackends.Create(threads);
        var result = await backend.ExecuteAsync(new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = bindings,
            Observables = Observables,
            Outputs = ResultKinds.State | ResultKinds.Expectations,
        });

        for (var row = 0; row < bindings.Rows; row++)
        {
            var expected = NaiveStatevector.Run(circuit, bindings.Row(row));
            Assert.That(NaiveStatevector.MaxDifference(result.States!.Row(row), expected), Is.LessThan(1e-10), $"state of row {row}");
            for (var o = 0; o < Observables.Length; o++)
            {
                Assert.That(result.Expectations![row, o], Is.EqualTo(NaiveStatevector.Expectation(expected, Observables[o])).Within(1e-10), $"row {row}, observable {o}");
            }
        }
    }

    [Test]
    public async Task BatchedRowsEqualSeparateRuns()
    {
        var circuit = TestCircuits.Random(new Random(5), 5, 40);
        var rows = Enumerable.Range(0, 7).Select(r => new[] { r * 0.37, 1.0 - (r * 0.21) }).ToArray();
        using var backend = TestBackends.Create(3);
        var request = new ExecutionRequest
        {
            Circuit = circuit,
            Observables = Observables,
            Outputs = ResultKinds.Expectations | ResultKinds.Probabilities,
        };
        var batched = await backend.ExecuteAsync(request with { Bindings = BindingTable.FromRows(rows) });
        for (var r = 0; r < rows.Length; r++)
        {
            var single = await backend.ExecuteAsync(request with { Bindings = BindingTable.Single(rows[r]) });
            Assert.That(batched.Expectations!.Row(r).ToArray(), Is.EqualTo(single.Expectations!.Row(0).ToArray()).Within(1e-12));
            Assert.That(batched.Probabilities!.Row(r).ToArray(), Is.EqualTo(single.Probabilities!.Row(0).ToArray()).Within(1e-12));
        }
    }

    [Test]
    public async Task RowSamplesDependOnlyOnSeedRowAndBindingsNotOnBatchOrThreads()
    {
        var circuit = TestCircuits.Random(new Random(6), 5, 30);
        var rows = Enumerable.Range(0, 4).Select(r => new[] { r * 0.5, 0.3 - (r * 0.2) }).ToArray();
        var request = new ExecutionRequest { Circuit = circuit, Bindings = BindingTable.FromRows(rows), Outputs = ResultKinds.Samples, Shots = 64, Seed = 77 };
        using var oneThread = TestBackends.Create(1);
        using var threeThreads = TestBackends.Create(3);
        var reference = await oneThread.ExecuteAsync(request);
        var threaded = await threeThreads.ExecuteAsync(request);
        var prefix = await threeThreads.ExecuteAsync(request with { Bindings = BindingTable.FromRows(rows[..2]) });
        Assert.Multiple(() =>
        {
            Assert.That(threaded.Samples!.Words, Is.EqualTo(reference.Samples!.Words));
            Assert.That(prefix.Samples!.Words, Is.EqualTo(reference.Samples.Words.Take(2 * 64)));
        });
    }

    [Test]
    public async Task CircuitWithoutSymbolsRunsWithTheDefaultBinding()
    {
        var circuit = new CircuitBuilder(2).H(0).CX(0, 1).Build();
        using var backend = TestBackends.Create(1);
        var result = await backend.ExecuteAsync(new ExecutionRequest
        {
            Circuit = circuit,
            Observables = [Observable.Parse("Z0 Z1"), Observable.Parse("X0 X1"), Observable.Z(0)],
            Outputs = ResultKinds.Expectations | ResultKinds.Probabilities,
        });
        Assert.Multiple(() =>
        {
            Assert.That(result.Expectations!.Row(0).ToArray(), Is.EqualTo(new[] { 1.0, 1.0, 0.0 }).Within(1e-12));
            Assert.That(result.Probabilities!.Row(0).ToArray(), Is.EqualTo(new[] { 0.5, 0.0, 0.0, 0.5 }).Within(1e-12));
            Assert.That(result.Diagnostics.Backend, Is.EqualTo("cpu"));
        });
    }

    [Test]
    public async Task MarginalProbabilitiesFollowTheRequestedQubitOrder()
    {
        var random = new Random(8);
        var circuit = TestCircuits.Random(random, 5, 30);
        var symbols = new[] { 0.4, -0.9 };
        using var backend = TestBackends.Create(1);
        var result = await backend.ExecuteAsync(new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = BindingTable.Single(symbols),
            Outputs = ResultKinds.Probabilities,
            ProbabilityQubits = [3, 0],
        });

        var state = NaiveStatevector.Run(circuit, symbols);
        var expected = new double[4];
        for (var i = 0; i < state.Length; i++)
        {
            expected[((i >> 3) & 1) | (((i >> 0) & 1) << 1)] += state[i].Magnitude * state[i].Magnitude;
        }

        Assert.That(result.Probabilities!.Row(0).ToArray(), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public async Task SamplesAreSeededAndFollowTheDistribution()
    {
        var circuit = new Circuit(
            3, 0, [new Symbol("t", SymbolRole.Weight)],
            [Operation.Gate(OperationKind.RY, [0], Angle.FromSymbol(0)), Operation.Gate(OperationKind.X, [2])]);
        using var backend = TestBackends.Create(2);
        var request = new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = BindingTable.Single(2 * Math.Asin(Math.Sqrt(0.3))),
            Outputs = ResultKinds.Samples,
            Shots = 20000,
            Seed = 42,
        };
        var first = await backend.ExecuteAsync(request);
        var again = await backend.ExecuteAsync(request);
        var other = await backend.ExecuteAsync(request with { Seed = 43 });
        var ones = Enumerable.Range(0, 20000).Count(s => first.Samples!.Outcome(0, s) == 0b101);
        Assert.Multiple(() =>
        {
            Assert.That(first.Samples!.BitCount, Is.EqualTo(3));
            Assert.That(first.Samples.Words, Is.EqualTo(again.Samples!.Words));
            Assert.That(first.Samples.Words, Is.Not.EqualTo(other.Samples!.Words));
            Assert.That(Enumerable.Range(0, 20000).All(s => first.Samples.Outcome(0, s) is 0b100 or 0b101), Is.True);
            Assert.That(ones / 20000.0, Is.EqualTo(0.3).Within(0.015));
            Assert.That(first.Diagnostics.ShotsUsed, Is.EqualTo(20000));
        });
    }

    [Test]
    public async Task TerminalMeasurementsWriteTheirClassicalBits()
    {
        // |q0 q1⟩ = |1 0⟩, measured crosswise into a 3-bit register.
        var circuit = new Circuit(2, 3, [], [Operation.Gate(OperationKind.X, [0]), Operation.Measure(0, 2), Operation.Measure(1, 0)]);
        using var backend = TestBackends.Create(1);
        var result = await backend.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 10 });
        Assert.Multiple(() =>
        {
            Assert.That(result.Samples!.BitCount, Is.EqualTo(3));
            Assert.That(result.Samples.BitString(0, 0), Is.EqualTo("100"));
        });
    }

    [Test]
    public async Task MidCircuitMeasurementRunsPerShotTrajectories()
    {
        // Measure a |+⟩ qubit, flip it back to 0 when it read 1, measure again: bit 1 is always 0,
        // bit 0 is a fair coin; q1 copies the first outcome through a conditioned X.
        var circuit = new Circuit(
            2, 3, [],
            [
                Operation.Gate(OperationKind.H, [0]),
                Operation.Measure(0, 0),
                Operation.Gate(OperationKind.X, [0]).WithCondition(new ClassicalCondition([0], 1)),
                Operation.Gate(OperationKind.X, [1]).WithCondition(new ClassicalCondition([0], 1)),
                Operation.Measure(0, 1),
                Operation.Reset(1),
                Operation.Measure(1, 2),
            ]);
        using var backend = TestBackends.Create(2);
        var result = await backend.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 4000, Seed = 1 });
        var outcomes = Enumerable.Range(0, 4000).Select(s => result.Samples!.Outcome(0, s)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.All(o => (o & 0b110) == 0), Is.True, "after the correction and the reset the later bits read 0");
            Assert.That(outcomes.Count(o => o == 1) / 4000.0, Is.EqualTo(0.5).Within(0.04));
        });
    }

    [Test]
    public async Task GlobalPhaseAppearsInTheState()
    {
        var circuit = new Circuit(1, 0, [new Symbol("p", SymbolRole.Weight)], [Operation.Gate(OperationKind.RZ, [0], Angle.FromSymbol(0))], Angle.FromSymbol(0, 0.5));
        using var backend = TestBackends.Create(1);
        var result = await backend.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Bindings = BindingTable.Single(0.8), Outputs = ResultKinds.State });

        // e^{iθ/2}·RZ(θ)|0⟩ = |0⟩ exactly: P(θ) up to phase.
        Assert.That(NaiveStatevector.MaxDifference(result.States!.Row(0), [Complex.One, Complex.Zero]), Is.LessThan(1e-12));
    }

    [Test]
    public void CapabilityViolationsComeFromTheSharedValidator()
    {
        using var backend = TestBackends.Create(1);
        var circuit = new CircuitBuilder(2).H(0).Build();
        var request = new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Expectations };
        Assert.That(async () => await backend.ExecuteAsync(request), Throws.TypeOf<BackendException>().With.Message.Contains("without observables"));
    }
}
