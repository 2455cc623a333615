using Qml.Learning.Layers;
using Qml.Learning.Optimizers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Optimizers;

/// <summary>Each optimizer's first steps against the update rule written out by hand.</summary>
public sealed class FirstStepTests
{
    private static readonly double[] Start = [1.0, -2.0, 0.5];
    private static readonly double[] Coefficients = [0.5, -1.0, 3.0];

    /// <summary>Loss Σ c·p + ½Σp², so the gradient is c + p.</summary>
    private static void Backward(Parameter p)
    {
        p.ZeroGrad();
        Tensor c = Tensor.FromVector(Coefficients);
        Ops.Add(Ops.Sum(Ops.Mul(c, p.Value)), Ops.MulScalar(Ops.Sum(Ops.Square(p.Value)), 0.5)).Backward();
    }

    private static double Grad(double p, int i) => Coefficients[i] + p;

    [Test]
    public void Sgd_with_nesterov_momentum_and_weight_decay()
    {
        var p = new Parameter("p", Tensor.FromVector(Start));
        var sgd = new Sgd([p], new SgdOptions(LearningRate: 0.1, Momentum: 0.9, Nesterov: true, WeightDecay: 0.01));
        double[] x = (double[])Start.Clone(), v = new double[3];
        for (int step = 0; step < 3; step++)
        {
            Backward(p);
            sgd.Step();
            for (int i = 0; i < 3; i++)
            {
                double g = Grad(x[i], i) + (0.01 * x[i]);
                v[i] = (0.9 * v[i]) + g;
                x[i] -= 0.1 * (g + (0.9 * v[i]));
            }

            Assert.That(p.Value.ToArray(), Is.EqualTo(x).Within(1e-15), $"step {step}");
        }

        Assert.That(sgd.StepCount, Is.EqualTo(3));
    }

    [Test]
    public void Plain_sgd_is_p_minus_lr_g()
    {
        var p = new Parameter("p", Tensor.FromVector(Start));
        var sgd = new Sgd([p], new SgdOptions(LearningRate: 0.5));
        Backward(p);
        sgd.Step();
        Assert.That(p.Value.ToArray(), Is.EqualTo(Start.Select((x, i) => x - (0.5 * Grad(x, i)))).Within(1e-15));
    }

    [Test]
    public void Adam_first_step_moves_each_coordinate_by_about_lr_and_later_steps_follow_the_formula()
    {
        var p = new Parameter("p", Tensor.FromVector(Start));
        var adam = new Adam([p], new AdamOptions(LearningRate: 0.01));
        Backward(p);
        adam.Step();
        double[] afterOne = Start.Select((x, i) => x - (0.01 * Grad(x, i) / (Math.Abs(Grad(x, i)) + 1e-8))).ToArray();
        Assert.That(p.Value.ToArray(), Is.EqualTo(afterOne).Within(1e-15));

        double[] x = (double[])Start.Clone(), m = new double[3], v = new double[3];
        var q = new Parameter("q", Tensor.FromVector(Start));
        var adam2 = new Adam([q], new AdamOptions(LearningRate: 0.01, Beta1: 0.8, Beta2: 0.99, WeightDecay: 0.1));
        for (int t = 1; t <= 4; t++)
        {
            Backward(q);
            adam2.Step();
            for (int i = 0; i < 3; i++)
            {
                double g = Grad(x[i], i) + (0.1 * x[i]);
                m[i] = (0.8 * m[i]) + (0.2 * g);
                v[i] = (0.99 * v[i]) + (0.01 * g * g);
                double mHat = m[i] / (1 - Math.Pow(0.8, t)), vHat = v[i] / (1 - Math.Pow(0.99, t));
                x[i] -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }

            Assert.That(q.Value.ToArray(), Is.EqualTo(x).Within(1e-14), $"step {t}");
        }
    }

    [Test]
    public void AdamW_decays_the_weights_outside_the_moments()
    {
        var p = new Parameter("p", Tensor.FromVector(Start));
        var adamw = new AdamW([p], new AdamOptions(LearningRate: 0.1, WeightDecay: 0.5));
        double[] x = (double[])Start.Clone(), m = new double[3], v = new double[3];
        for (int t = 1; t <= 3; t++)
        {
            Backward(p);
            adamw.Step();
            for (int i = 0; i < 3; i++)
            {
                double g = Grad(x[i], i); // the raw gradient: no decay inside
                x[i] *= 1 - (0.1 * 0.5);
                m[i] = (0.9 * m[i]) + (0.1 * g);
                v[i] = (0.999 * v[i]) + (0.001 * g * g);
                x[i] -= 0.1 * (m[i] / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(0.999, t))) + 1e-8);
            }

            Assert.That(p.Value.ToArray(), Is.EqualTo(x).Within(1e-14), $"step {t}");
        }

        Assert.That(new AdamW([p]).Options.WeightDecay, Is.EqualTo(0.01));
    }

    [Test]
    public void Parameters_without_gradients_are_left_alone()
    {
        var a = new Parameter("a", Tensor.FromVector(1.0));
        var b = new Parameter("b", Tensor.FromVector(2.0));
        Ops.Sum(Ops.Square(a.Value)).Backward();
        var adam = new Adam([a, b]);
        adam.Step();
        Assert.That(b.Value.Item(), Is.EqualTo(2.0));
        Assert.That(a.Value.Item(), Is.LessThan(1.0));
        adam.ZeroGrad();
        Assert.That(a.Grad, Is.Null);
    }
}
