using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Conformance;

/// <summary>Seeded sampling: statistics, reproducibility, bit placement and Qiskit-ordered counts.</summary>
public abstract partial class BackendConformanceSuite
{
    private const int StatisticalShots = 20_000;

    [Test]
    public async Task SampleFrequenciesFollowProbabilities()
    {
        Assume.That(Capabilities.Sampling, Is.True);
        var random = new Random(77);
        var circuit = RandomCircuits.Create(random, 3, [OperationKind.RY, OperationKind.CX, OperationKind.RX], 1, 0, 4, withUnitaries: false);
        var bindings = RandomBindings(random, circuit, 2);
        var result = await RunAsync(new ExecutionRequest { Circuit = circuit, Bindings = bindings, Outputs = ResultKinds.Samples, Shots = StatisticalShots, Seed = 12345 });
        var samples = result.Samples!;
        Assert.That((samples.Rows, samples.Shots, samples.BitCount), Is.EqualTo((bindings.Rows, StatisticalShots, 3)), "rows, shots, bits");
        for (var row = 0; row < bindings.Rows; row++)
        {
            var probabilities = ReferenceSimulator.Probabilities(ReferenceSimulator.Run(circuit, bindings.Row(row)), Probes.AllQubits(3));
            var counts = new int[8];
            for (var shot = 0; shot < StatisticalShots; shot++)
            {
                var outcome = samples.Outcome(row, shot);
                Assert.That(outcome, Is.LessThan(8UL), $"row {row}, shot {shot}: outcome of 3 bits");
                counts[outcome]++;
            }

            for (var outcome = 0; outcome < 8; outcome++)
            {
                var mean = StatisticalShots * probabilities[outcome];
                var sigma = Math.Sqrt(StatisticalShots * probabilities[outcome] * (1 - probabilities[outcome]));
                Assert.That(counts[outcome], Is.EqualTo(mean).Within((5 * sigma) + 1), $"row {row}: count of outcome {outcome} (p = {probabilities[outcome]:F4})");
            }
        }
    }

    [Test]
    public async Task EqualSeedsGiveEqualSamplesAndDifferentSeedsDifferentOnes()
    {
        Assume.That(Capabilities.Sampling, Is.True);
        var circuit = new CircuitBuilder(4).H(0).H(1).H(2).RY(3, 1.1).Build();
        ExecutionRequest Request(ulong seed) => new() { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 500, Seed = seed };
        var first = await RunAsync(Request(42));
        var again = await RunAsync(Request(42));
        var other = await RunAsync(Request(43));
        Assert.That(again.Samples!.Words, Is.EqualTo(first.Samples!.Words), "seed 42 twice");
        Assert.That(other.Samples!.Words, Is.Not.EqualTo(first.Samples.Words), "seeds 42 and 43");
    }

    [Test]
    public async Task WithoutMeasurementsSampleBitIIsQubitIInQiskitOrder()
    {
        Assume.That(Capabilities.Sampling, Is.True);
        var circuit = new CircuitBuilder(3).X(0).Build();
        var result = await RunAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 50, Seed = 1 });
        Assert.That(result.Samples!.BitCount, Is.EqualTo(3), "one bit per qubit");
        Assert.That(result.Samples.Counts(0), Is.EquivalentTo(new Dictionary<string, int> { ["001"] = 50 }), "X q0 reads 001 (bit 0 rightmost)");
    }

    [Test]
    public async Task MeasuredQubitsLandInTheirClassicalBits()
    {
        Assume.That(Capabilities.Sampling, Is.True);

        // q2 (always 1) → c0, q0 (50/50) → c2, c1 never written.
        var circuit = new CircuitBuilder(3, 3).X(2).H(0).Measure(2, 0).Measure(0, 2).Build();
        var result = await RunAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 2000, Seed = 5 });
        var counts = result.Samples!.Counts(0);
        Assert.That(result.Samples.BitCount, Is.EqualTo(3), "one bit per classical bit");
        Assert.That(counts.Keys, Is.SubsetOf(new[] { "001", "101" }), "c0 = 1 always, c1 = 0 always");
        Assert.That(counts.GetValueOrDefault("101"), Is.EqualTo(1000).Within(5 * Math.Sqrt(500)), "c2 is a fair coin");
    }

    [Test]
    public async Task SampledRowsUseTheirOwnBindings()
    {
        Assume.That(Capabilities.Sampling, Is.True);
        var builder = new CircuitBuilder(2);
        var circuit = builder.RY(1, builder.Input("x")).Build();
        var result = await RunAsync(new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = BindingTable.FromRows([[0.0], [Math.PI], [0.0]]),
            Outputs = ResultKinds.Samples,
            Shots = 100,
            Seed = 9,
        });
        Assert.That(result.Samples!.Counts(0), Is.EquivalentTo(new Dictionary<string, int> { ["00"] = 100 }), "row 0: RY(0)");
        Assert.That(result.Samples.Counts(1), Is.EquivalentTo(new Dictionary<string, int> { ["10"] = 100 }), "row 1: RY(π) on q1");
        Assert.That(result.Samples.Counts(2), Is.EquivalentTo(new Dictionary<string, int> { ["00"] = 100 }), "row 2: RY(0)");
    }
}
