using Qml.Learning.Optimizers;
using Qml.Learning.Schedules;
using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Optimizers;

public sealed class ConvergenceTests
{
    private static IEnumerable<TestCaseData> FirstOrder()
    {
        yield return new TestCaseData(new SgdOptions(LearningRate: 0.15), 400, 1e-8).SetName("SGD reaches the quadratic's minimiser to 1e-8");
        yield return new TestCaseData(new SgdOptions(LearningRate: 0.05, Momentum: 0.7), 300, 1e-8).SetName("SGD momentum reaches the quadratic's minimiser to 1e-8");
        yield return new TestCaseData(new SgdOptions(LearningRate: 0.05, Momentum: 0.7, Nesterov: true), 300, 1e-8).SetName("SGD Nesterov reaches the quadratic's minimiser to 1e-8");
    }

    [TestCaseSource(nameof(FirstOrder))]
    public void Sgd_variants_converge_on_a_quadratic(SgdOptions options, int steps, double tolerance)
    {
        var problem = new Objectives.Quadratic(6, seed: 1);
        var x = new Qml.Learning.Layers.Parameter("x", Tensor.Zeros(6, 1));
        var sgd = new Sgd([x], options);
        Func<double> closure = Objectives.Closure(x, problem.Loss);
        for (int i = 0; i < steps; i++)
        {
            sgd.Step(closure);
        }

        Assert.That(problem.Distance(x), Is.LessThan(tolerance));
    }

    [Test]
    public void Adam_and_AdamW_with_cosine_annealing_reach_the_quadratic_minimiser()
    {
        var problem = new Objectives.Quadratic(6, seed: 2);
        foreach (bool decoupled in new[] { false, true })
        {
            var x = new Qml.Learning.Layers.Parameter("x", Tensor.Zeros(6, 1));
            IOptimizer opt = decoupled ? new AdamW([x], new AdamOptions(LearningRate: 0.05, WeightDecay: 0)) : new Adam([x], new AdamOptions(LearningRate: 0.05));
            var schedule = new CosineAnnealing(0.05, 1500, minLearningRate: 1e-5);
            Func<double> closure = Objectives.Closure(x, problem.Loss);
            for (int i = 0; i < 1500; i++)
            {
                schedule.Apply(opt, i);
                opt.Step(closure);
            }

            Assert.That(problem.Distance(x), Is.LessThan(1e-4), decoupled ? "AdamW" : "Adam");
        }
    }

    [Test]
    public void Adam_reduces_rosenbrock_to_a_small_loss()
    {
        var x = Objectives.RosenbrockStart(2);
        var adam = new Adam([x], new AdamOptions(LearningRate: 0.02));
        Func<double> closure = Objectives.Closure(x, Objectives.Rosenbrock);
        double start = closure();
        double loss = start;
        for (int i = 0; i < 6000; i++)
        {
            loss = adam.Step(closure);
        }

        Assert.That(start, Is.GreaterThan(4));
        Assert.That(loss, Is.LessThan(1e-4));
        Assert.That(x.Value.ToArray(), Is.EqualTo(new[] { 1.0, 1.0 }).Within(0.03));
    }

    [TestCase(2)]
    [TestCase(10)]
    public void Lbfgs_with_strong_wolfe_solves_rosenbrock_to_1e_6(int n)
    {
        var x = Objectives.RosenbrockStart(n);
        var lbfgs = new Lbfgs([x], new LbfgsOptions(MaxIterations: 50, ToleranceGrad: 1e-12, ToleranceChange: 1e-15));
        Func<double> closure = Objectives.Closure(x, Objectives.Rosenbrock);
        for (int call = 0; call < 20 && x.Value.ToArray().Any(v => Math.Abs(v - 1) > 1e-7); call++)
        {
            lbfgs.Step(closure);
        }

        Assert.That(x.Value.ToArray(), Has.All.EqualTo(1.0).Within(1e-6));
        Assert.That(closure(), Is.LessThan(1e-12));
        Assert.That(lbfgs.Evaluations, Is.LessThan(400), "a quasi-Newton method should need few evaluations");
    }

    [Test]
    public void Lbfgs_with_a_fixed_step_solves_a_quadratic()
    {
        var problem = new Objectives.Quadratic(6, seed: 3);
        var x = new Qml.Learning.Layers.Parameter("x", Tensor.Zeros(6, 1));
        var lbfgs = new Lbfgs([x], new LbfgsOptions(LearningRate: 1.0, MaxIterations: 100, LineSearch: LineSearch.None, ToleranceGrad: 1e-12, ToleranceChange: 1e-15));
        Func<double> closure = Objectives.Closure(x, problem.Loss);
        for (int call = 0; call < 5; call++)
        {
            lbfgs.Step(closure);
        }

        Assert.That(problem.Distance(x), Is.LessThan(1e-8));
    }

    [Test]
    public void Lbfgs_refuses_a_step_without_a_closure()
    {
        var lbfgs = new Lbfgs([Objectives.RosenbrockStart(2)]);
        var ex = Assert.Throws<NotSupportedException>(() => lbfgs.Step());
        Assert.That(ex!.Message, Does.Contain("closure"));
    }
}
