using Qml.Learning.Tensors;
using Qml.Learning.Tests.Autodiff;

namespace Qml.Learning.Tests.Tensors;

public sealed class SoftmaxTests
{
    [TestCase(-1)]
    [TestCase(0)]
    [TestCase(1)]
    public void Softmax_and_log_softmax_gradients_match_finite_differences(int axis)
    {
        Tensor x = TestData.Normal(20 + axis, 3, 4, 2);
        GradientCheck.Verify(() => Ops.Softmax(x, axis), x);
        GradientCheck.Verify(() => Ops.LogSoftmax(x, axis), x);
    }

    [Test]
    public void Softmax_rows_sum_to_one_and_agree_with_exp_of_log_softmax()
    {
        Tensor x = TestData.Normal(30, 4, 6);
        Tensor s = Ops.Softmax(x);
        Tensor ls = Ops.LogSoftmax(x);
        for (int r = 0; r < 4; r++)
        {
            double sum = 0;
            for (int c = 0; c < 6; c++)
            {
                sum += s[r, c];
                Assert.That(Math.Exp(ls[r, c]), Is.EqualTo(s[r, c]).Within(1e-14));
            }

            Assert.That(sum, Is.EqualTo(1).Within(1e-14));
        }
    }

    [Test]
    public void Huge_logits_stay_finite()
    {
        Tensor x = Tensor.FromArray([2, 3], [1000, 0, -1000, 1e300, 1e300 - 1e290, -1e300]);
        Tensor s = Ops.Softmax(x);
        Tensor ls = Ops.LogSoftmax(x);
        Assert.That(s.ToArray(), Has.All.Matches<double>(double.IsFinite));
        Assert.That(s[0, 0], Is.EqualTo(1).Within(1e-15));
        Assert.That(ls[0, 1], Is.EqualTo(-1000).Within(1e-9));
        Assert.That(ls[0, 0], Is.EqualTo(0).Within(1e-15));
        Assert.That(s[1, 0], Is.EqualTo(1));
    }
}
