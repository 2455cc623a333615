using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Execution.Sampling;

namespace Qml.Abstractions.Tests.Execution;

public sealed class CumulativeSamplerTests
{
    [Test]
    public void RowStreamsAreReproducibleAndIndependent()
    {
        var a = new RowRandom(42, 0);
        var again = new RowRandom(42, 0);
        var otherRow = new RowRandom(42, 1);

        var first = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToArray();

        Assert.That(Enumerable.Range(0, 8).Select(_ => again.NextUInt64()), Is.EqualTo(first));
        Assert.That(Enumerable.Range(0, 8).Select(_ => otherRow.NextUInt64()), Is.Not.EqualTo(first));
    }

    [Test]
    public void ShotsFollowTheDistributionAndSkipImpossibleOutcomes()
    {
        // p = [0.1, 0, 0.6, 0.3] as running sums.
        double[] cumulative = [0.1, 0.1, 0.7, 1.0];
        var samples = new SampleTable(1, 20_000, 2);

        CumulativeSampler.Sample(cumulative, [], samples, 0, seed: 9);
        var counts = new int[4];
        for (var shot = 0; shot < samples.Shots; shot++)
        {
            counts[samples.Outcome(0, shot)]++;
        }

        Assert.That(counts[1], Is.Zero);
        Assert.That(counts[0] / 20_000.0, Is.EqualTo(0.1).Within(0.015));
        Assert.That(counts[2] / 20_000.0, Is.EqualTo(0.6).Within(0.015));
        Assert.That(counts[3] / 20_000.0, Is.EqualTo(0.3).Within(0.015));
    }

    [Test]
    public void MeasuredQubitsLandInTheirClassicalBits()
    {
        var circuit = new CircuitBuilder(3, 2).X(2).Measure(2, 0).Measure(0, 1).Build();
        var samples = new SampleTable(1, 3, CumulativeSampler.OutcomeBits(circuit));

        // All probability on |100⟩ (qubit 2 set).
        CumulativeSampler.Sample([0, 0, 0, 0, 1, 1, 1, 1], CumulativeSampler.MeasurementMap(circuit), samples, 0, seed: 1);

        Assert.That(CumulativeSampler.MeasurementMap(circuit), Is.EqualTo(new[] { (2, 0), (0, 1) }));
        Assert.That(samples.BitCount, Is.EqualTo(2));
        Assert.That(Enumerable.Range(0, 3).Select(s => samples.BitString(0, s)), Is.All.EqualTo("01"));
    }
}
