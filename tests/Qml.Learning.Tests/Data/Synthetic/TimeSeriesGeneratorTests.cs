using Qml.Learning.Data.Synthetic;

namespace Qml.Learning.Tests.Data.Synthetic;

public sealed class TimeSeriesGeneratorTests
{
    // Reference values of J0 (Abramowitz & Stegun table 9.1; DLMF 10.21 for the zeros).
    [TestCase(0.0, 1.0)]
    [TestCase(0.5, 0.938469807240812964)]
    [TestCase(1.0, 0.765197686557966552)]
    [TestCase(2.0, 0.223890779141235668)]
    [TestCase(5.0, -0.177596771314338304)]
    [TestCase(10.0, -0.245935764451348335)]
    [TestCase(-10.0, -0.245935764451348335)]
    [TestCase(2.404825557695772769, 0.0)]
    [TestCase(5.520078110286310649, 0.0)]
    [TestCase(11.79153443901428161, 0.0)]
    [TestCase(14.93091770848778594, 0.0)]
    [TestCase(30.63460646843197511, 0.0)]
    public void BesselJ0MatchesKnownValues(double x, double expected)
    {
        Assert.That(BesselJ0.Evaluate(x), Is.EqualTo(expected).Within(1e-10));
    }

    [Test]
    public void BesselJ0SeriesAndAsymptoticBranchesMeetSmoothly()
    {
        // Near the switch at 12 both sides must agree with an independent evaluation:
        // Miller's backward recurrence, normalised by J0 + 2 Σ J2k = 1.
        foreach (var x in new[] { 11.9, 11.999, 12.0, 12.001, 12.1, 13.5, 20.0, 40.0 })
        {
            Assert.That(BesselJ0.Evaluate(x), Is.EqualTo(MillerJ0(x)).Within(1e-11), $"x = {x}");
        }
    }

    [Test]
    public void BesselWindowsSampleJ0OnTheTimeGrid()
    {
        var data = TimeSeriesGenerators.BesselJ0Series(samples: 20, window: 6, horizon: 2, step: 0.25, start: 1.0);

        Assert.That(data.SequenceLength, Is.EqualTo(6));
        for (var i = 0; i < data.SampleCount; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                Assert.That(data.Row(i)[j], Is.EqualTo(BesselJ0.Evaluate(1.0 + ((i + j) * 0.25))));
            }

            Assert.That(data.TargetRow(i)[1], Is.EqualTo(BesselJ0.Evaluate(1.0 + ((i + 7) * 0.25))));
        }
    }

    [Test]
    public void DampedOscillatorSolvesItsEquationOfMotion()
    {
        const double step = 0.01, omega = 2.0, damping = 0.3;
        var data = TimeSeriesGenerators.DampedOscillator(samples: 500, window: 3, horizon: 1, step: step, omega: omega, damping: damping, amplitude: 1.5);

        Assert.That(data.Row(0)[0], Is.EqualTo(1.5).Within(1e-15), "x(0) = A cos φ");
        for (var i = 0; i < data.SampleCount; i++)
        {
            var (previous, x, next) = (data.Row(i)[0], data.Row(i)[1], data.Row(i)[2]);
            var acceleration = (next - (2 * x) + previous) / (step * step);
            var velocity = (next - previous) / (2 * step);
            Assert.That(acceleration + (2 * damping * velocity) + (omega * omega * x), Is.EqualTo(0).Within(1e-3), $"window {i}");
        }
    }

    [Test]
    public void SineWindowsAreSinesWithSeededPhases()
    {
        var data = TimeSeriesGenerators.SineWindows(samples: 30, window: 5, horizon: 1, step: 0.2, frequency: 1.5, seed: 3);

        for (var i = 0; i < data.SampleCount; i++)
        {
            // A sine sampled on a uniform grid obeys s[j+1] = 2 cos(ω h) s[j] − s[j−1].
            var values = data.Row(i).ToArray().Append(data.TargetRow(i)[0]).ToArray();
            for (var j = 1; j < values.Length - 1; j++)
            {
                Assert.That(values[j + 1], Is.EqualTo((2 * Math.Cos(1.5 * 0.2) * values[j]) - values[j - 1]).Within(1e-12));
            }
        }

        Assert.That(data.Features, Is.EqualTo(TimeSeriesGenerators.SineWindows(30, 5, 1, 0.2, 1.5, seed: 3).Features));
        Assert.That(data.Features, Is.Not.EqualTo(TimeSeriesGenerators.SineWindows(30, 5, 1, 0.2, 1.5, seed: 4).Features));
    }

    [Test]
    public void NoiseIsSeeded()
    {
        var a = TimeSeriesGenerators.BesselJ0Series(samples: 50, noise: 0.1, seed: 1);
        var b = TimeSeriesGenerators.BesselJ0Series(samples: 50, noise: 0.1, seed: 1);
        var c = TimeSeriesGenerators.BesselJ0Series(samples: 50, noise: 0.1, seed: 2);

        Assert.That(a.Features, Is.EqualTo(b.Features));
        Assert.That(a.Features, Is.Not.EqualTo(c.Features));
    }

    private static double MillerJ0(double x)
    {
        var start = 2 * ((int)((1.5 * x) + 60) / 2);
        double next = 0, current = 1e-300, j0 = 0, norm = 0;
        for (var k = start; k > 0; k--)
        {
            var previous = (2.0 * k / x * current) - next;
            next = current;
            current = previous;
            if ((k - 1) % 2 == 0 && k - 1 > 0)
            {
                norm += 2 * current;
            }

            if (Math.Abs(current) > 1e250)
            {
                next *= 1e-250;
                current *= 1e-250;
                norm *= 1e-250;
            }

            j0 = current;
        }

        return j0 / (norm + j0);
    }
}
