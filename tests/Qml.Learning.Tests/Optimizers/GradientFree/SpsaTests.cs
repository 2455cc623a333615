using Qml.Learning.Optimizers.GradientFree;

namespace Qml.Learning.Tests.Optimizers.GradientFree;

public sealed class SpsaTests
{
    [Test]
    public void MinimisesAQuadratic()
    {
        var result = Spsa.Minimize(TestFunctions.Quadratic, [0, 0, 0], new SpsaOptions { MaxIterations = 2000, LearningRate = 0.5, Perturbation = 0.05, Seed = 1 });

        Assert.That(TestFunctions.Distance(result.BestPoint, 1, 2, 3), Is.LessThan(1e-6));
        Assert.That(result.Evaluations, Is.EqualTo((2 * 2000) + 1), "two evaluations per iteration plus the final point");
    }

    [Test]
    public void MinimisesRosenbrockWithCalibration()
    {
        var result = Spsa.Minimize(
            TestFunctions.Rosenbrock, [-1.2, 1],
            new SpsaOptions { MaxIterations = 20_000, Calibrate = true, CalibrationTargetStep = 0.3, Perturbation = 0.01, Seed = 3 });

        // SPSA's decaying gains crawl along the curved valley: a looser tolerance than the simplex methods.
        Assert.That(TestFunctions.Distance(result.BestPoint, 1, 1), Is.LessThan(0.02));
        Assert.That(result.BestValue, Is.LessThan(1e-4));
        Assert.That(result.Evaluations, Is.LessThanOrEqualTo((2 * 20_000) + 25 * 2 + 1));
    }

    [Test]
    public void IsDeterministicForASeed()
    {
        var options = new SpsaOptions { MaxIterations = 50, Seed = 11 };

        var first = Spsa.Minimize(TestFunctions.Quadratic, [0.5, -0.5], options);
        var again = Spsa.Minimize(TestFunctions.Quadratic, [0.5, -0.5], options);
        var other = Spsa.Minimize(TestFunctions.Quadratic, [0.5, -0.5], options with { Seed = 12 });

        Assert.That(again.BestPoint, Is.EqualTo(first.BestPoint));
        Assert.That(again.History, Is.EqualTo(first.History));
        Assert.That(other.BestPoint, Is.Not.EqualTo(first.BestPoint));
    }

    [Test]
    public void ReducesANoisyQuadratic()
    {
        // Shot-noise-like objective: the quadratic plus N(0, 0.1²) noise from its own seeded stream.
        var noise = new Random(5);
        double Noisy(ReadOnlySpan<double> x) =>
            TestFunctions.Quadratic(x) + (0.1 * Math.Sqrt(-2 * Math.Log(1 - noise.NextDouble())) * Math.Cos(2 * Math.PI * noise.NextDouble()));
        double[] start = [3, -2, 0, 1];

        var result = Spsa.Minimize(Noisy, start, new SpsaOptions { MaxIterations = 1500, Calibrate = true, Perturbation = 0.2, Seed = 2 });

        Assert.That(TestFunctions.Quadratic(start), Is.GreaterThan(40));
        Assert.That(TestFunctions.Quadratic(result.BestPoint), Is.LessThan(0.05), "true (noise-free) value at the result");
    }

    [Test]
    public void BlockingNeverAcceptsAMarkedlyWorseStep()
    {
        var result = Spsa.Minimize(
            TestFunctions.Rosenbrock, [-1.2, 1],
            new SpsaOptions { MaxIterations = 300, Calibrate = true, CalibrationTargetStep = 0.05, Perturbation = 0.01, Blocking = true, BlockingTolerance = 0, Seed = 4 });

        Assert.That(result.History, Is.Ordered.Descending, "with zero tolerance the accepted value never rises");
        Assert.That(result.BestValue, Is.LessThan(TestFunctions.Rosenbrock([-1.2, 1]) / 4));
        Assert.That(result.Evaluations, Is.EqualTo((2 * 25) + 1 + (3 * 300) + 1), "calibration, start, 3 per iteration, final");
    }

    [Test]
    public void StepToleranceStopsAndReportsConvergence()
    {
        var result = Spsa.Minimize(TestFunctions.Quadratic, [0, 0], new SpsaOptions { MaxIterations = 100_000, LearningRate = 0.1, StepTolerance = 1e-7, Seed = 1 });

        Assert.That(result.Converged, Is.True, result.StopReason);
        Assert.That(result.Iterations, Is.LessThan(100_000));
    }
}
