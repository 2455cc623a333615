using Qml.Learning.Losses;
using Qml.Learning.Tensors;
using Qml.Learning.Tests.Autodiff;

namespace Qml.Learning.Tests.Losses;

public sealed class LossTests
{
    [Test]
    public void Mean_squared_error_value_and_gradient()
    {
        Tensor p = Tensor.FromVector(1, 2, 3), t = Tensor.FromVector(1, 0, 5);
        Assert.That(Loss.MeanSquaredError(p, t).Item(), Is.EqualTo((0 + 4 + 4) / 3.0));
        Tensor pr = TestData.Normal(110, 4, 3), tr = TestData.Normal(111, 4, 3);
        GradientCheck.Verify(() => Loss.MeanSquaredError(pr, tr), pr);
        Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError(Tensor.Zeros(3, 1), Tensor.Zeros(3)));
    }

    [Test]
    public void Binary_cross_entropy_with_logits_matches_the_definition_and_its_gradient()
    {
        Tensor z = TestData.Normal(112, 5, 2), y = TestData.Uniform(113, 0, 1, 5, 2);
        double expected = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-z.Data[i]));
            expected -= (y.Data[i] * Math.Log(s)) + ((1 - y.Data[i]) * Math.Log(1 - s));
        }

        Assert.That(Loss.BinaryCrossEntropyWithLogits(z, y).Item(), Is.EqualTo(expected / z.Length).Within(1e-14));
        GradientCheck.Verify(() => Loss.BinaryCrossEntropyWithLogits(z, y), z);

        Tensor p = TestData.Uniform(114, 0.05, 0.95, 5, 2);
        Assert.That(Loss.BinaryCrossEntropy(Ops.Sigmoid(z), y).Item(), Is.EqualTo(expected / z.Length).Within(1e-12));
        GradientCheck.Verify(() => Loss.BinaryCrossEntropy(p, y), p);
    }

    [Test]
    public void Binary_cross_entropy_with_huge_logits_is_finite_and_exact()
    {
        Tensor z = Tensor.FromVector(1000, -1000, 800, -745);
        z.RequiresGrad = true;
        Tensor y = Tensor.FromVector(0, 1, 1, 0);
        Tensor loss = Loss.BinaryCrossEntropyWithLogits(z, y);
        Assert.That(loss.Item(), Is.EqualTo((1000 + 1000) / 4.0).Within(1e-12));
        loss.Backward();
        Assert.That(z.Grad!.ToArray(), Is.EqualTo(new[] { 0.25, -0.25, 0, 0 }).Within(1e-15));
    }

    [Test]
    public void Cross_entropy_matches_negative_log_softmax_and_its_gradient()
    {
        Tensor logits = TestData.Normal(115, 4, 5);
        int[] labels = [0, 4, 2, 2];
        Tensor ls = Ops.LogSoftmax(logits);
        double expected = -(ls[0, 0] + ls[1, 4] + ls[2, 2] + ls[3, 2]) / 4;
        Assert.That(Loss.CrossEntropy(logits, labels).Item(), Is.EqualTo(expected).Within(1e-14));
        GradientCheck.Verify(() => Loss.CrossEntropy(logits, labels), logits);
        GradientCheck.Verify(() => Ops.MulScalar(Loss.CrossEntropy(Ops.Tanh(logits), labels), 3), logits);
        Assert.Throws<ArgumentOutOfRangeException>(() => Loss.CrossEntropy(logits, [0, 5, 1, 1]));
        Assert.Throws<ArgumentException>(() => Loss.CrossEntropy(logits, [0]));
    }

    [Test]
    public void Cross_entropy_with_huge_logits_is_finite_and_exact()
    {
        Tensor logits = Tensor.FromArray([2, 3], [1e4, 0, -1e4, 1e308, 1e308, -1e308]);
        logits.RequiresGrad = true;
        Tensor loss = Loss.CrossEntropy(logits, [1, 0]);
        Assert.That(loss.Item(), Is.EqualTo((1e4 + Math.Log(2)) / 2).Within(1e-9));
        loss.Backward();
        Assert.That(logits.Grad!.ToArray(), Has.All.Matches<double>(double.IsFinite));
        Assert.That(logits.Grad![0, 0], Is.EqualTo(0.5).Within(1e-15));
        Assert.That(logits.Grad![0, 1], Is.EqualTo(-0.5).Within(1e-15));
        Assert.That(logits.Grad![1, 0], Is.EqualTo(-0.25).Within(1e-15));
        Assert.That(logits.Grad![1, 1], Is.EqualTo(0.25).Within(1e-15));
    }

    [Test]
    public void Hinge_value_and_gradient()
    {
        Tensor s = Tensor.FromVector(2, 0.5, -0.3, -2), y = Tensor.FromVector(1, 1, 1, -1);
        Assert.That(Loss.Hinge(s, y).Item(), Is.EqualTo((0 + 0.5 + 1.3 + 0) / 4).Within(1e-15));
        GradientCheck.Verify(() => Loss.Hinge(s, y), s);
    }

    [Test]
    public void Accuracy_helpers_count_correct_predictions()
    {
        Tensor logits = Tensor.FromArray([3, 2], [1, 0, 0, 1, 5, 6]);
        Assert.That(Metrics.Accuracy(logits, [0, 1, 0]), Is.EqualTo(2.0 / 3));
        Assert.That(Metrics.BinaryAccuracy(Tensor.FromVector(0.3, -2, 1), Tensor.FromVector(1, 0, 0)), Is.EqualTo(2.0 / 3));
        Assert.That(Metrics.BinaryAccuracy(Tensor.FromVector(0.3, -2), Tensor.FromVector(1, -1)), Is.EqualTo(1.0));
    }
}
