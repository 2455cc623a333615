using Qml.Learning.Layers;
using Qml.Learning.Optimizers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Optimizers;

/// <summary>Saving an optimizer's state mid-run and restoring it into a fresh one continues bit-identically.</summary>
public sealed class StateTests
{
    private static IEnumerable<TestCaseData> Factories()
    {
        yield return new TestCaseData((Func<IReadOnlyList<Parameter>, IOptimizer>)(p => new Sgd(p, new SgdOptions(0.01, Momentum: 0.9, Nesterov: true)))).SetName("SGD resumes bit-identically");
        yield return new TestCaseData((Func<IReadOnlyList<Parameter>, IOptimizer>)(p => new Adam(p, new AdamOptions(0.01)))).SetName("Adam resumes bit-identically");
        yield return new TestCaseData((Func<IReadOnlyList<Parameter>, IOptimizer>)(p => new AdamW(p, new AdamOptions(0.01, WeightDecay: 0.1)))).SetName("AdamW resumes bit-identically");
        yield return new TestCaseData((Func<IReadOnlyList<Parameter>, IOptimizer>)(p => new Lbfgs(p, new LbfgsOptions(MaxIterations: 3, HistorySize: 4)))).SetName("L-BFGS resumes bit-identically");
    }

    [TestCaseSource(nameof(Factories))]
    public void Resume_from_state_continues_exactly(Func<IReadOnlyList<Parameter>, IOptimizer> create)
    {
        var x = Objectives.RosenbrockStart(4);
        IOptimizer first = create([x]);
        Func<double> closure = Objectives.Closure(x, Objectives.Rosenbrock);
        for (int i = 0; i < 5; i++)
        {
            first.Step(closure);
        }

        double[] savedX = x.Value.ToArray();
        Dictionary<string, Tensor> saved = first.State.ToDictionary(kv => kv.Key, kv => Tensor.FromArray(kv.Value.Shape, kv.Value.Data));
        for (int i = 0; i < 5; i++)
        {
            first.Step(closure);
        }

        double[] uninterrupted = x.Value.ToArray();

        var y = new Parameter("x", Tensor.FromVector(savedX));
        IOptimizer resumed = create([y]);
        resumed.LoadState(saved);
        Func<double> closureY = Objectives.Closure(y, Objectives.Rosenbrock);
        for (int i = 0; i < 5; i++)
        {
            resumed.Step(closureY);
        }

        Assert.That(y.Value.ToArray(), Is.EqualTo(uninterrupted), "bit-identical, no tolerance");
        Assert.That(savedX, Is.Not.EqualTo(uninterrupted), "the run moved after the save");
    }

    [Test]
    public void State_names_per_parameter_buffers_by_index()
    {
        var a = new Parameter("a", Tensor.Zeros(2, 3));
        var b = new Parameter("b", Tensor.Zeros(4));
        var adam = new Adam([a, b]);
        Assert.That(adam.State.Keys, Is.EquivalentTo(new[] { "step", "lr", "0.exp_avg", "1.exp_avg", "0.exp_avg_sq", "1.exp_avg_sq" }));
        Assert.That(adam.State["0.exp_avg"].Shape, Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public void Bad_state_is_rejected_naming_the_entry()
    {
        var a = new Parameter("a", Tensor.Zeros(3));
        var adam = new Adam([a]);
        var state = adam.State.ToDictionary(kv => kv.Key, kv => kv.Value);

        var missing = new Dictionary<string, Tensor>(state);
        missing.Remove("0.exp_avg_sq");
        Assert.That(Assert.Throws<ArgumentException>(() => adam.LoadState(missing))!.Message, Does.Contain("0.exp_avg_sq"));

        var extra = new Dictionary<string, Tensor>(state) { ["0.momentum_buffer"] = Tensor.Zeros(3) };
        Assert.That(Assert.Throws<ArgumentException>(() => adam.LoadState(extra))!.Message, Does.Contain("0.momentum_buffer"));

        var misshapen = new Dictionary<string, Tensor>(state) { ["0.exp_avg"] = Tensor.Zeros(4) };
        Assert.That(Assert.Throws<ArgumentException>(() => adam.LoadState(misshapen))!.Message, Does.Contain("0.exp_avg").And.Contain("[4]"));

        var lbfgs = new Lbfgs([a]);
        var lbfgsState = lbfgs.State.ToDictionary(kv => kv.Key, kv => kv.Value);
        lbfgsState["d"] = Tensor.Zeros(5);
        Assert.Throws<ArgumentException>(() => lbfgs.LoadState(lbfgsState));
    }
}
