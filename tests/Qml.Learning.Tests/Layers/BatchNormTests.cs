using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Learning.Tests.Autodiff;

namespace Qml.Learning.Tests.Layers;

public sealed class BatchNormTests
{
    [Test]
    public void Training_normalises_each_feature_and_updates_running_statistics()
    {
        var bn = new BatchNorm1d(3, momentum: 0.1);
        Tensor x = Tensor.RandomNormal(new Random(1), [64, 3], 5.0, 3.0);
        Tensor y = bn.Forward(x);
        for (int c = 0; c < 3; c++)
        {
            double[] col = Enumerable.Range(0, 64).Select(i => y[i, c]).ToArray();
            double mean = col.Average();
            double variance = col.Select(v => (v - mean) * (v - mean)).Average();
            Assert.That(mean, Is.EqualTo(0).Within(1e-12));
            Assert.That(variance, Is.EqualTo(1).Within(1e-3)); // ε = 1e-5 shrinks it slightly

            double[] xc = Enumerable.Range(0, 64).Select(i => x[i, c]).ToArray();
            double xm = xc.Average();
            double unbiased = xc.Select(v => (v - xm) * (v - xm)).Sum() / 63;
            Assert.That(bn.RunningMean[c], Is.EqualTo(0.1 * xm).Within(1e-12));
            Assert.That(bn.RunningVar[c], Is.EqualTo(0.9 + (0.1 * unbiased)).Within(1e-12));
        }

        Assert.That(bn.BatchesTracked.Item(), Is.EqualTo(1));
    }

    [Test]
    public void Eval_uses_running_statistics_not_the_batch()
    {
        var bn = new BatchNorm1d(2);
        bn.RunningMean.Data[0] = 1;
        bn.RunningMean.Data[1] = -2;
        bn.RunningVar.Data[0] = 4;
        bn.RunningVar.Data[1] = 0.25;
        bn.Weight.Value.Data[1] = 3;
        bn.Bias.Value.Data[0] = 0.5;
        bn.Eval();
        Tensor y = bn.Forward(Tensor.FromArray([1, 2], [3, -1]));
        Assert.That(y[0, 0], Is.EqualTo(((3 - 1) / Math.Sqrt(4 + 1e-5)) + 0.5).Within(1e-14));
        Assert.That(y[0, 1], Is.EqualTo(3 * (1 / Math.Sqrt(0.25 + 1e-5))).Within(1e-14));
        Assert.That(bn.BatchesTracked.Item(), Is.Zero, "eval leaves the statistics alone");
    }

    [Test]
    public void Gradients_in_train_and_eval_mode()
    {
        var bn = new BatchNorm1d(4);
        bn.Weight.Value.Data.CopyFrom(new double[] { 1.5, -0.5, 2, 1 });
        Tensor x = TestData.Normal(90, 6, 4);
        GradientCheck.Verify(() => bn.Forward(x), x, bn.Weight.Value, bn.Bias.Value);
        bn.Eval();
        GradientCheck.Verify(() => bn.Forward(x), x, bn.Weight.Value, bn.Bias.Value);
    }
}

internal static class SpanExtensions
{
    public static void CopyFrom(this Span<double> destination, double[] values) => values.CopyTo(destination);
}
