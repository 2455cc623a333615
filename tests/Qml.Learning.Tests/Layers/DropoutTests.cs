using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Learning.Tests.Autodiff;

namespace Qml.Learning.Tests.Layers;

public sealed class DropoutTests
{
    [Test]
    public void Same_seed_gives_the_same_masks_and_another_seed_differs()
    {
        Tensor x = Tensor.Ones(50, 40);
        var a = new Dropout(0.3, seed: 9);
        var b = new Dropout(0.3, seed: 9);
        var c = new Dropout(0.3, seed: 10);
        double[] first = a.Forward(x).ToArray();
        Assert.That(first, Is.EqualTo(b.Forward(x).ToArray()));
        Assert.That(a.Forward(x).ToArray(), Is.EqualTo(b.Forward(x).ToArray()), "the second draw matches too");
        Assert.That(first, Is.Not.EqualTo(c.Forward(x).ToArray()));
    }

    [Test]
    public void Training_drops_about_p_and_scales_survivors_eval_is_identity()
    {
        Tensor x = Tensor.Ones(100, 100);
        var dropout = new Dropout(0.25, seed: 1);
        double[] y = dropout.Forward(x).ToArray();
        double dropped = y.Count(v => v == 0) / (double)y.Length;
        Assert.That(dropped, Is.EqualTo(0.25).Within(0.02));
        Assert.That(y.Where(v => v != 0), Has.All.EqualTo(1 / 0.75).Within(1e-15));

        dropout.Eval();
        Assert.That(dropout.Forward(x), Is.SameAs(x));
    }

    [Test]
    public void Gradient_flows_through_the_kept_elements_only()
    {
        Tensor x = TestData.Normal(80, 6, 5);
        GradientCheck.Verify(() => new Dropout(0.4, seed: 3).Forward(x), x);
        x.ZeroGrad();
        Tensor y = new Dropout(0.4, seed: 3).Forward(x);
        Ops.Sum(y).Backward();
        for (int i = 0; i < x.Length; i++)
        {
            Assert.That(x.Grad!.Data[i], Is.EqualTo(y.Data[i] == 0 ? 0 : 1 / 0.6).Within(1e-15));
        }
    }
}
