using Qml.Abstractions;
using Qml.Learning.Optimizers.GradientFree;

namespace Qml.Learning.Tests.Optimizers.GradientFree;

public sealed class NelderMeadTests
{
    [Test]
    public void MinimisesAFourDimensionalQuadratic()
    {
        var result = NelderMead.Minimize(TestFunctions.Quadratic, [0, 0, 0, 0], new NelderMeadOptions { InitialStep = 0.5, MaxEvaluations = 3000 });

        Assert.That(result.Converged, Is.True, result.StopReason);
        Assert.That(TestFunctions.Distance(result.BestPoint, 1, 2, 3, 4), Is.LessThan(1e-4));
        Assert.That(result.BestValue, Is.LessThan(1e-9));
        Assert.That(result.Evaluations, Is.LessThanOrEqualTo(3000));
        Assert.That(result.BestValue, Is.EqualTo(TestFunctions.Quadratic(result.BestPoint)));
    }

    [Test]
    public void MinimisesRosenbrockFromTheClassicStart()
    {
        var result = NelderMead.Minimize(TestFunctions.Rosenbrock, [-1.2, 1], new NelderMeadOptions { MaxEvaluations = 1000 });

        Assert.That(result.Converged, Is.True, result.StopReason);
        Assert.That(TestFunctions.Distance(result.BestPoint, 1, 1), Is.LessThan(1e-4));
        Assert.That(result.Evaluations, Is.LessThanOrEqualTo(1000));
        Assert.That(result.History, Has.Count.EqualTo(result.Iterations));
        Assert.That(result.History, Is.Ordered.Descending, "the best vertex never gets worse");
    }

    [Test]
    public void StopsAtTheEvaluationBudgetWithoutClaimingConvergence()
    {
        var result = NelderMead.Minimize(TestFunctions.Rosenbrock, [-1.2, 1], new NelderMeadOptions { MaxEvaluations = 40 });

        Assert.That(result.Converged, Is.False);
        Assert.That(result.StopReason, Does.Contain("evaluation budget"));
        Assert.That(result.Evaluations, Is.LessThanOrEqualTo(40 + 2), "at most one iteration's evaluations beyond the budget");
    }

    [Test]
    public void NaNObjectiveIsReportedWithThePoint()
    {
        var error = Assert.Throws<QmlException>(() => NelderMead.Minimize(_ => double.NaN, [1, 2]));

        Assert.That(error!.Message, Does.Contain("NaN").And.Contain("[1, 2]"));
    }
}
