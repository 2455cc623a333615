using Qml.Learning.Layers;
using Qml.Learning.Optimizers;
using Qml.Learning.Schedules;
using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Schedules;

public sealed class ScheduleTests
{
    [Test]
    public void Step_decay_multiplies_by_gamma_every_step_size_epochs()
    {
        var s = new StepDecay(0.1, stepSize: 3, gamma: 0.5);
        double[] rates = Enumerable.Range(0, 7).Select(s.LearningRateAt).ToArray();
        Assert.That(rates, Is.EqualTo(new[] { 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025 }).Within(1e-17));
    }

    [Test]
    public void Cosine_annealing_warms_up_then_falls_from_base_to_min()
    {
        var s = new CosineAnnealing(1.0, totalEpochs: 12, minLearningRate: 0.1, warmupEpochs: 2);
        Assert.That(s.LearningRateAt(0), Is.EqualTo(0.5));
        Assert.That(s.LearningRateAt(1), Is.EqualTo(1.0));
        Assert.That(s.LearningRateAt(2), Is.EqualTo(1.0));
        Assert.That(s.LearningRateAt(7), Is.EqualTo(0.55).Within(1e-15)); // halfway: (base + min) / 2
        Assert.That(s.LearningRateAt(12), Is.EqualTo(0.1).Within(1e-15));
        Assert.That(s.LearningRateAt(50), Is.EqualTo(0.1).Within(1e-15));
        double[] decay = Enumerable.Range(2, 11).Select(s.LearningRateAt).ToArray();
        Assert.That(decay, Is.Ordered.Descending);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(1.0, 5, warmupEpochs: 5));
    }

    [Test]
    public void Apply_sets_the_optimizer_rate()
    {
        var sgd = new Sgd([new Parameter("p", Tensor.Zeros(1))], new SgdOptions(LearningRate: 1));
        double lr = new StepDecay(0.2, 1, 0.5).Apply(sgd, 2);
        Assert.That(lr, Is.EqualTo(0.05));
        Assert.That(sgd.LearningRate, Is.EqualTo(0.05));
    }
}
