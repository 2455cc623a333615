using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Autodiff;

public sealed class CustomOpTests
{
    /// <summary>A stand-in for a backend call: y[b, o] = Σ_p cos(x[b, p]) · w[o, p], computed outside the tape.</summary>
    private static Tensor External(Tensor x, Tensor w)
    {
        int batch = x.Dim(0), p = x.Dim(1), o = w.Dim(0);
        var y = Tensor.Zeros(batch, o);
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < o; j++)
            {
                double s = 0;
                for (int i = 0; i < p; i++)
                {
                    s += Math.Cos(x[b, i]) * w[j, i];
                }

                y[b, j] = s;
            }
        }

        return Tensor.FromCustomOp([x, w], y, upstream =>
        {
            var gx = Tensor.Zeros(batch, p);
            var gw = Tensor.Zeros(o, p);
            for (int b = 0; b < batch; b++)
            {
                for (int j = 0; j < o; j++)
                {
                    for (int i = 0; i < p; i++)
                    {
                        gx[b, i] -= upstream[b, j] * w[j, i] * Math.Sin(x[b, i]);
                        gw[j, i] += upstream[b, j] * Math.Cos(x[b, i]);
                    }
                }
            }

            return [gx, gw];
        });
    }

    [Test]
    public void A_custom_op_inside_a_larger_graph_has_correct_gradients()
    {
        Tensor x = TestData.Normal(60, 4, 3), w = TestData.Normal(61, 2, 3), v = TestData.Normal(62, 3, 3);
        GradientCheck.Verify(() => Ops.Tanh(External(Ops.MatMul(x, v), w)), x, w, v);
    }

    [Test]
    public void A_custom_op_without_inputs_needing_gradients_is_a_plain_tensor()
    {
        Tensor y = External(Tensor.Ones(1, 2), Tensor.Ones(1, 2));
        Assert.That(y.RequiresGrad, Is.False);
        Assert.That(y.Item(), Is.EqualTo(2 * Math.Cos(1)).Within(1e-15));
    }

    [Test]
    public void A_custom_op_returning_a_wrong_shape_is_reported()
    {
        Tensor x = Tensor.Ones(2, 2);
        x.RequiresGrad = true;
        Tensor y = Tensor.FromCustomOp([x], Tensor.Ones(2), _ => [Tensor.Ones(3)]);
        var ex = Assert.Throws<InvalidOperationException>(() => Ops.Sum(y).Backward());
        Assert.That(ex!.Message, Does.Contain("[3]").And.Contain("[2, 2]"));

        Tensor z = Tensor.FromCustomOp([x], Tensor.Ones(2), _ => []);
        Assert.Throws<InvalidOperationException>(() => Ops.Sum(z).Backward());
    }
}
