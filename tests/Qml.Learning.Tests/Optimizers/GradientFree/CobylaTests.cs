using Qml.Abstractions;
using Qml.Learning.Optimizers.GradientFree;

namespace Qml.Learning.Tests.Optimizers.GradientFree;

public sealed class CobylaTests
{
    [Test]
    public void MinimisesAQuadratic()
    {
        var result = Cobyla.Minimize(TestFunctions.Quadratic, [0, 0, 0], options: new CobylaOptions { InitialRadius = 0.5, FinalRadius = 1e-8, MaxEvaluations = 2000 });

        Assert.That(result.Converged, Is.True, result.StopReason);
        Assert.That(TestFunctions.Distance(result.BestPoint, 1, 2, 3), Is.LessThan(1e-5));
        Assert.That(result.Evaluations, Is.LessThanOrEqualTo(2000));
    }

    [Test]
    public void MinimisesRosenbrock()
    {
        // Linear models and a radius that never grows make the curved valley slow going (about 20,000 evaluations).
        var result = Cobyla.Minimize(TestFunctions.Rosenbrock, [-1.2, 1], options: new CobylaOptions { InitialRadius = 0.5, FinalRadius = 1e-8, MaxEvaluations = 30_000 });

        Assert.That(result.Converged, Is.True, result.StopReason);
        Assert.That(TestFunctions.Distance(result.BestPoint, 1, 1), Is.LessThan(1e-4));
        Assert.That(result.BestValue, Is.LessThan(1e-9));
    }

    [Test]
    public void MinimisesALinearObjectiveOnTheUnitDisc()
    {
        // min x + y subject to 1 − x² − y² ≥ 0: the optimum is (−1/√2, −1/√2) on the boundary.
        var result = Cobyla.Minimize(
            x => x[0] + x[1], [0, 0], [x => 1 - (x[0] * x[0]) - (x[1] * x[1])],
            new CobylaOptions { InitialRadius = 0.5, FinalRadius = 1e-8, MaxEvaluations = 1000 });

        var corner = -Math.Sqrt(0.5);
        Assert.That(result.Converged, Is.True, result.StopReason);
        Assert.That(TestFunctions.Distance(result.BestPoint, corner, corner), Is.LessThan(1e-6));
        Assert.That(result.BestValue, Is.EqualTo(-Math.Sqrt(2)).Within(1e-6));
        Assert.That(result.ConstraintViolation, Is.LessThan(1e-8));
    }

    [Test]
    public void ReachesFeasibilityFromAnInfeasibleStart()
    {
        // min (x − 2)² + (y − 1)² subject to x ≤ 1 and y ≥ x + 0.5, starting where both are violated.
        // Both constraints are active at the optimum (1, 1.5): ∇f = (−2, 1) = 1·(−1, 0) + 1·(−1, 1), multipliers ≥ 0.
        var result = Cobyla.Minimize(
            x => ((x[0] - 2) * (x[0] - 2)) + ((x[1] - 1) * (x[1] - 1)), [3, -3],
            [x => 1 - x[0], x => x[1] - x[0] - 0.5],
            new CobylaOptions { InitialRadius = 1, FinalRadius = 1e-8, MaxEvaluations = 2000 });

        Assert.That(result.ConstraintViolation, Is.LessThan(1e-8));
        Assert.That(TestFunctions.Distance(result.BestPoint, 1, 1.5), Is.LessThan(1e-6));
    }

    [Test]
    public void InvalidRadiiAreRejected()
    {
        var error = Assert.Throws<QmlException>(() => Cobyla.Minimize(TestFunctions.Quadratic, [0], options: new CobylaOptions { InitialRadius = 1e-3, FinalRadius = 1 }));

        Assert.That(error!.Message, Does.Contain("FinalRadius ≤ InitialRadius"));
    }

    [Test]
    public void StopsAtTheEvaluationBudget()
    {
        var result = Cobyla.Minimize(TestFunctions.Rosenbrock, [-1.2, 1], options: new CobylaOptions { MaxEvaluations = 30 });

        Assert.That(result.Converged, Is.False);
        Assert.That(result.Evaluations, Is.LessThanOrEqualTo(30));
        Assert.That(result.StopReason, Does.Contain("budget"));
    }
}
