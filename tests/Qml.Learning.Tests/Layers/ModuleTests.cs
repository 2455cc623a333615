using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Learning.Tests.Autodiff;

namespace Qml.Learning.Tests.Layers;

public sealed class ModuleTests
{
    [Test]
    public void Sequential_names_parameters_with_dotted_child_indices()
    {
        var model = new Sequential(new Dense(3, 4, seed: 1), new Relu(), new Dense(4, 2, seed: 2), new BatchNorm1d(2));
        string[] names = model.NamedParameters().Select(p => p.Name).ToArray();
        Assert.That(names, Is.EqualTo(new[] { "0.weight", "0.bias", "2.weight", "2.bias", "3.weight", "3.bias" }));
        Assert.That(model.NamedBuffers().Select(b => b.Name), Is.EqualTo(new[] { "3.running_mean", "3.running_var", "3.num_batches_tracked" }));
        Assert.That(model.ParameterCount, Is.EqualTo((3 * 4) + 4 + (4 * 2) + 2 + 2 + 2));
        Assert.That(model.Parameters(), Has.Count.EqualTo(6));
        Assert.That(model.Parameters()[2].Shape, Is.EqualTo(new[] { 2, 4 }));
    }

    [Test]
    public void Train_and_eval_reach_every_descendant()
    {
        var inner = new Dropout(0.5, seed: 1);
        var model = new Sequential(new Sequential(inner));
        model.Eval();
        Assert.That(inner.IsTraining, Is.False);
        model.Train();
        Assert.That(inner.IsTraining, Is.True);
    }

    [Test]
    public void Dense_is_deterministic_per_seed_and_respects_its_init_bound()
    {
        var a = new Dense(50, 20, seed: 7, init: Initialization.XavierUniform);
        var b = new Dense(50, 20, seed: 7, init: Initialization.XavierUniform);
        Assert.That(a.Weight.Value.ToArray(), Is.EqualTo(b.Weight.Value.ToArray()));
        double bound = Math.Sqrt(6.0 / 70);
        Assert.That(a.Weight.Value.ToArray(), Has.All.InRange(-bound, bound));
        Assert.That(a.Weight.Value.ToArray().Max(), Is.GreaterThan(0.9 * bound));

        var k = new Dense(200, 300, seed: 3, init: Initialization.KaimingNormal);
        double[] w = k.Weight.Value.ToArray();
        double std = Math.Sqrt(w.Select(v => v * v).Average());
        Assert.That(std, Is.EqualTo(Math.Sqrt(2.0 / 200)).Within(0.003));
    }

    [Test]
    public void Dense_forward_and_gradients()
    {
        var layer = new Dense(5, 3, seed: 4);
        Tensor x = TestData.Normal(70, 4, 5);
        Tensor y = layer.Forward(x);
        Assert.That(y.Shape, Is.EqualTo(new[] { 4, 3 }));
        double expected = layer.Bias!.Value[1];
        for (int i = 0; i < 5; i++)
        {
            expected += x[2, i] * layer.Weight.Value[1, i];
        }

        Assert.That(y[2, 1], Is.EqualTo(expected).Within(1e-14));
        GradientCheck.Verify(() => layer.Forward(x), x, layer.Weight.Value, layer.Bias.Value);
        Assert.That(new Dense(5, 3, seed: 4, bias: false).NamedParameters().Count(), Is.EqualTo(1));
    }

    [Test]
    public void A_small_mlp_with_every_activation_passes_the_gradient_check()
    {
        var model = new Sequential(
            new Dense(4, 6, seed: 1), new Tanh(),
            new Dense(6, 6, seed: 2), new Silu(),
            new Dense(6, 5, seed: 3), new Sigmoid(),
            new Dense(5, 3, seed: 4), new Softmax());
        Tensor x = TestData.Normal(71, 3, 4);
        Tensor[] wrt = [x, .. model.Parameters().Select(p => p.Value)];
        GradientCheck.Verify(() => model.Forward(x), wrt);
    }

    [Test]
    public void Duplicate_and_dotted_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new BadModule("w", "w"));
        Assert.Throws<ArgumentException>(() => new BadModule("a.b", "c"));
    }

    private sealed class BadModule : Module
    {
        public BadModule(string first, string second)
        {
            RegisterParameter(first, Tensor.Zeros(1));
            RegisterParameter(second, Tensor.Zeros(1));
        }

        public override Tensor Forward(Tensor input) => input;
    }
}
