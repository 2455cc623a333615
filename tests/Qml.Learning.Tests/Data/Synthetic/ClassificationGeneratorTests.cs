using Qml.Abstractions;
using Qml.Learning.Data.Synthetic;

namespace Qml.Learning.Tests.Data.Synthetic;

public sealed class ClassificationGeneratorTests
{
    [Test]
    public void MoonsWithoutNoiseLieOnTheirUnitHalfCircles()
    {
        var moons = TwoMoons.Generate(samples: 101, noise: 0, seed: 5);

        Assert.That(moons.SampleCount, Is.EqualTo(101));
        var labels = moons.Labels!;
        Assert.That(labels.Count(l => l == 0), Is.EqualTo(50));
        for (var i = 0; i < moons.SampleCount; i++)
        {
            var (x, y) = (moons.Row(i)[0], moons.Row(i)[1]);
            if (labels[i] == 0)
            {
                Assert.That(Math.Sqrt((x * x) + (y * y)), Is.EqualTo(1).Within(1e-12));
                Assert.That(y, Is.GreaterThanOrEqualTo(-1e-12), "outer moon is the upper half");
            }
            else
            {
                Assert.That(Math.Sqrt(((x - 1) * (x - 1)) + ((y - 0.5) * (y - 0.5))), Is.EqualTo(1).Within(1e-12));
                Assert.That(y, Is.LessThanOrEqualTo(0.5 + 1e-12), "inner moon is the lower half");
            }
        }
    }

    [Test]
    public void MoonsNoiseHasTheRequestedSpread()
    {
        var clean = TwoMoons.Generate(2000, 0, seed: 9);
        var noisy = TwoMoons.Generate(2000, 0.1, seed: 9);

        // Same seed, same shuffle: the difference is the noise alone.
        var differences = clean.Features.Zip(noisy.Features, (a, b) => b - a).ToArray();
        var mean = differences.Average();
        var std = Math.Sqrt(differences.Select(d => (d - mean) * (d - mean)).Average());

        Assert.That(mean, Is.EqualTo(0).Within(0.01));
        Assert.That(std, Is.EqualTo(0.1).Within(0.005));
    }

    [Test]
    public void GeneratorsAreDeterministicForASeed()
    {
        var moons = TwoMoons.Generate(60, 0.2, 4);
        var circles = Circles.Generate(60, 0.2, 0.3, 4);
        var parity = Parity.Generate(5, 40, 0.1, 4);

        Assert.That(moons.Features, Is.EqualTo(TwoMoons.Generate(60, 0.2, 4).Features));
        Assert.That(moons.Labels, Is.EqualTo(TwoMoons.Generate(60, 0.2, 4).Labels));
        Assert.That(moons.Features, Is.Not.EqualTo(TwoMoons.Generate(60, 0.2, 5).Features));
        Assert.That(circles.Features, Is.EqualTo(Circles.Generate(60, 0.2, 0.3, 4).Features));
        Assert.That(circles.Features, Is.Not.EqualTo(Circles.Generate(60, 0.2, 0.3, 5).Features));
        Assert.That(parity.Features, Is.EqualTo(Parity.Generate(5, 40, 0.1, 4).Features));
        Assert.That(parity.Features, Is.Not.EqualTo(Parity.Generate(5, 40, 0.1, 3).Features));
    }

    [Test]
    public void CirclesWithoutNoiseHaveRadiusOneAndFactor()
    {
        var circles = Circles.Generate(samples: 80, noise: 0, factor: 0.3, seed: 1);

        for (var i = 0; i < circles.SampleCount; i++)
        {
            var radius = Math.Sqrt((circles.Row(i)[0] * circles.Row(i)[0]) + (circles.Row(i)[1] * circles.Row(i)[1]));
            Assert.That(radius, Is.EqualTo(circles.Labels![i] == 0 ? 1.0 : 0.3).Within(1e-12));
        }

        Assert.That(circles.Labels!.Count(l => l == 1), Is.EqualTo(40));
        Assert.Throws<QmlException>(() => Circles.Generate(factor: 1.5));
    }

    [Test]
    public void ParityEnumeratesEveryStringWithItsParity()
    {
        var parity = Parity.Generate(bits: 4, seed: 2);

        Assert.That(parity.SampleCount, Is.EqualTo(16));
        var codes = new HashSet<int>();
        for (var i = 0; i < parity.SampleCount; i++)
        {
            var bits = parity.Row(i).ToArray();
            Assert.That(bits, Is.All.EqualTo(0).Or.EqualTo(1));
            codes.Add(bits.Aggregate(0, (code, bit) => (code * 2) + (int)bit));
            Assert.That(parity.Labels![i], Is.EqualTo((int)bits.Sum() % 2));
        }

        Assert.That(codes, Has.Count.EqualTo(16));
    }

    [Test]
    public void XorIsParityOfTwoBits()
    {
        var xor = Parity.Generate(bits: 2, seed: 0);

        for (var i = 0; i < 4; i++)
        {
            Assert.That(xor.Labels![i], Is.EqualTo((int)xor.Row(i)[0] ^ (int)xor.Row(i)[1]));
        }
    }

    [Test]
    public void NoisyRandomParityKeepsLabelsOfTheCleanBits()
    {
        var parity = Parity.Generate(bits: 6, samples: 300, noise: 0.05, seed: 8);

        for (var i = 0; i < parity.SampleCount; i++)
        {
            var ones = parity.Row(i).ToArray().Count(v => Math.Round(v) == 1);
            Assert.That(parity.Labels![i], Is.EqualTo(ones % 2));
        }
    }
}
