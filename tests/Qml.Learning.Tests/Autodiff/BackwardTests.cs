using Qml.Learning.Autodiff;
using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Autodiff;

public sealed class BackwardTests
{
    [Test]
    public void A_shared_subexpression_receives_the_sum_of_its_uses()
    {
        Tensor x = Tensor.FromVector(3.0);
        x.RequiresGrad = true;
        Tensor y = x * x;               // 9
        Tensor z = Ops.Sum((y * x) + y); // x³ + x²
        z.Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo((3 * 9) + (2 * 3)));
    }

    [Test]
    public void Gradients_accumulate_across_backward_calls_until_cleared()
    {
        Tensor x = Tensor.FromVector(1.0, 2.0);
        x.RequiresGrad = true;
        Ops.Sum(x * 3.0).Backward();
        Ops.Sum(x * 3.0).Backward();
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 6, 6 }));
        x.ZeroGrad();
        Assert.That(x.Grad, Is.Null);
    }

    [Test]
    public void Leaves_without_requires_grad_get_nothing()
    {
        Tensor x = Tensor.FromVector(1.0);
        Tensor w = Tensor.FromVector(2.0);
        w.RequiresGrad = true;
        Ops.Sum(x * w).Backward();
        Assert.That(x.Grad, Is.Null);
        Assert.That(w.Grad!.Item(), Is.EqualTo(1.0));
    }

    [Test]
    public void Backward_needs_a_scalar_and_a_graph()
    {
        Tensor x = Tensor.FromVector(1.0, 2.0);
        x.RequiresGrad = true;
        var ex = Assert.Throws<InvalidOperationException>(() => (x * 2.0).Backward());
        Assert.That(ex!.Message, Does.Contain("scalar"));
        Assert.Throws<InvalidOperationException>(() => Ops.Sum(Tensor.Ones(2)).Backward());
    }

    [Test]
    public void NoGradScope_records_nothing_and_restores_the_previous_mode()
    {
        Tensor x = Tensor.FromVector(1.0);
        x.RequiresGrad = true;
        using (new NoGradScope())
        {
            Assert.That(NoGradScope.IsGradEnabled, Is.False);
            using (new NoGradScope())
            {
            }

            Assert.That(NoGradScope.IsGradEnabled, Is.False);
            Assert.That((x * 2.0).RequiresGrad, Is.False);
        }

        Assert.That(NoGradScope.IsGradEnabled, Is.True);
        Assert.That((x * 2.0).RequiresGrad, Is.True);
    }

    [Test]
    public void Detach_cuts_the_graph_but_shares_values()
    {
        Tensor x = Tensor.FromVector(2.0);
        x.RequiresGrad = true;
        Tensor y = x * 3.0;
        Tensor d = y.Detach();
        Assert.That(d.RequiresGrad, Is.False);
        Assert.That(d.IsLeaf, Is.True);
        Ops.Sum((d * x) + y).Backward(); // d is a constant 6
        Assert.That(x.Grad!.Item(), Is.EqualTo(6 + 3));
    }

    [Test]
    public void A_very_deep_graph_does_not_overflow_the_stack()
    {
        Tensor x = Tensor.FromVector(1.0);
        x.RequiresGrad = true;
        Tensor y = x;
        for (int i = 0; i < 100_000; i++)
        {
            y = y + 1.0;
        }

        Ops.Sum(y).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(1.0));
    }

    [Test]
    public void Backward_with_a_seed_computes_a_vector_jacobian_product()
    {
        Tensor x = Tensor.FromVector(1.0, 2.0);
        x.RequiresGrad = true;
        Tensor y = Ops.Square(x);
        y.Backward(Tensor.FromVector(10.0, 100.0));
        Assert.That(x.Grad!.ToArray(), Is.EqualTo(new double[] { 20, 400 }));
    }

    [Test]
    public async Task NoGradScope_survives_an_await_inside_it()
    {
        Tensor x = Tensor.FromVector(1.0);
        x.RequiresGrad = true;
        using (new NoGradScope())
        {
            await Task.Yield();
            Assert.That((x * 2.0).RequiresGrad, Is.False);
        }

        Assert.That(NoGradScope.IsGradEnabled, Is.True);
    }

    [Test]
    public void Flatten_and_unsqueeze_are_views_with_gradients()
    {
        Tensor x = TestData.Normal(13, 2, 3, 2);
        Assert.That(Ops.Flatten(x).Shape, Is.EqualTo(new[] { 2, 6 }));
        Assert.That(Ops.Unsqueeze(x, -1).Shape, Is.EqualTo(new[] { 2, 3, 2, 1 }));
        GradientCheck.Verify(() => Ops.Mul(Ops.Flatten(x), Ops.Flatten(Ops.Square(x))), x);
        GradientCheck.Verify(() => Ops.Sin(Ops.Unsqueeze(x, 1)), x);
    }
}
