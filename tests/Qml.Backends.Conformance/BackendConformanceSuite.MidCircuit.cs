using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;

namespace Qml.Backends.Conformance;

/// <summary>Mid-circuit measurement, reset and classically conditioned gates (sampled per shot).</summary>
public abstract partial class BackendConformanceSuite
{
    private const int MidCircuitShots = 4000;

    [Test]
    public async Task ConditionedGateCopiesAMeasuredCoin()
    {
        Assume.That(Capabilities.MidCircuitMeasurement, Is.True);

        // H q0; measure q0 → c0; X q1 if c0 == 1; measure q1 → c1: only 00 and 11, about half each.
        var circuit = new CircuitBuilder(2, 2)
            .H(0)
            .Measure(0, 0)
            .Add(Operation.Gate(Abstractions.Gates.OperationKind.X, [1]).WithCondition(new ClassicalCondition([0], 1)))
            .Measure(1, 1)
            .Build();
        var counts = await SampleCountsAsync(circuit);
        Assert.That(counts.Keys, Is.SubsetOf(new[] { "00", "11" }), "q1 copies the measured q0");
        Assert.That(counts.GetValueOrDefault("11"), Is.EqualTo(MidCircuitShots / 2).Within(5 * Math.Sqrt(MidCircuitShots / 4.0)), "a fair coin");
    }

    [Test]
    public async Task ResetAfterXGivesZero()
    {
        Assume.That(Capabilities.MidCircuitMeasurement, Is.True);
        var circuit = new CircuitBuilder(2, 2).X(0).X(1).Reset(0).Measure(0, 0).Measure(1, 1).Build();
        Assert.That(await SampleCountsAsync(circuit), Is.EquivalentTo(new Dictionary<string, int> { ["10"] = MidCircuitShots }), "q0 reset to 0, q1 stays 1");
    }

    [Test]
    public async Task ResetOfASuperpositionGivesZeroAfterAFairFirstMeasurement()
    {
        Assume.That(Capabilities.MidCircuitMeasurement, Is.True);
        var circuit = new CircuitBuilder(1, 2).H(0).Measure(0, 0).Reset(0).Measure(0, 1).Build();
        var counts = await SampleCountsAsync(circuit);
        Assert.That(counts.Keys, Is.SubsetOf(new[] { "00", "01" }), "c1 (after reset) is always 0");
        Assert.That(counts.GetValueOrDefault("01"), Is.EqualTo(MidCircuitShots / 2).Within(5 * Math.Sqrt(MidCircuitShots / 4.0)), "c0 is a fair coin");
    }

    [Test]
    public async Task ConditionOnSeveralBitsComparesTheirLittleEndianValue()
    {
        Assume.That(Capabilities.MidCircuitMeasurement, Is.True);

        // c0 = 1, c1 = 0 → [c0, c1] reads 1 (c0 least significant): the X on q2 runs for value 1 only.
        var circuit = new CircuitBuilder(3, 3)
            .X(0)
            .Measure(0, 0)
            .Measure(1, 1)
            .Add(Operation.Gate(Abstractions.Gates.OperationKind.X, [2]).WithCondition(new ClassicalCondition([0, 1], 1)))
            .Add(Operation.Gate(Abstractions.Gates.OperationKind.X, [2]).WithCondition(new ClassicalCondition([0, 1], 2)))
            .Measure(2, 2)
            .Build();
        Assert.That(await SampleCountsAsync(circuit), Is.EquivalentTo(new Dictionary<string, int> { ["101"] = MidCircuitShots }), "only the value-1 condition fires");
    }

    private async Task<IReadOnlyDictionary<string, int>> SampleCountsAsync(Circuit circuit)
    {
        var result = await RunAsync(new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = MidCircuitShots, Seed = 2024 });
        Assert.That(result.Samples!.BitCount, Is.EqualTo(circuit.ClassicalBitCount), "one bit per classical bit");
        return result.Samples.Counts(0);
    }
}
