using Qml.Learning.Tensors;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Tests.Solvers;

public sealed class ExactSolverTests
{
    private static IEnumerable<TestCaseData> Configurations() => LayerFixtures.AllConfigurations();

    [TestCaseSource(nameof(Configurations))]
    public void Outputs_match_the_circuits_run_gate_by_gate(QkanLayerOptions options)
    {
        var layer = LayerFixtures.Layer(options);
        const int batch = 11; // one full vector of eight and a padded tail
        var x = LayerFixtures.Inputs(batch, layer.InFeatures);
        var actual = layer.Forward(Tensor.FromArray([batch, layer.InFeatures], x)).ToArray();
        var expected = SpecReference.Layer(layer, x, batch);
        Assert.That(actual, Is.EqualTo(expected).Within(1e-12));
    }

    [TestCaseSource(nameof(Configurations))]
    public void Gradients_match_finite_differences(QkanLayerOptions options)
    {
        var layer = LayerFixtures.Layer(options);
        const int batch = 9;
        var x = LayerFixtures.Inputs(batch, layer.InFeatures);
        var weights = LayerFixtures.Inputs(batch, layer.OutFeatures, seed: 5);
        var (dx, dParameters) = Gradients.Tape(layer, x, batch, weights);

        double Loss() => Gradients.Loss(layer, x, batch, weights);
        for (int k = 0; k < x.Length; k++)
        {
            Assert.That(dx[k], Is.EqualTo(Gradients.Central(Loss, x, k)).Within(1e-8), $"dL/dx[{k}]");
        }

        foreach (var (name, parameter) in layer.NamedParameters())
        {
            for (int k = 0; k < parameter.Length; k++)
            {
                double numeric = Gradients.Central(Loss, parameter.Value.Data, k);
                Assert.That(dParameters[name][k], Is.EqualTo(numeric).Within(1e-8), $"dL/d{name}[{k}]");
            }
        }
    }

    [Test]
    public void Every_batch_size_around_the_vector_width_gives_the_same_rows([Values(1, 7, 8, 9, 16, 17, 64, 130)] int batch)
    {
        var layer = LayerFixtures.Layer(new QkanLayerOptions().WithAllFlags());
        var x = LayerFixtures.Inputs(batch, layer.InFeatures);
        var y = layer.Forward(Tensor.FromArray([batch, layer.InFeatures], x)).ToArray();
        for (int b = 0; b < batch; b += Math.Max(1, batch / 4))
        {
            var row = layer.Forward(Tensor.FromArray([1, layer.InFeatures], x.AsSpan(b * layer.InFeatures, layer.InFeatures))).ToArray();
            Assert.That(y.AsSpan(b * layer.OutFeatures, layer.OutFeatures).ToArray(), Is.EqualTo(row).Within(1e-15));
        }
    }

    /// <summary>A batch of one vector splits the work over the outputs instead of the batch; its gradients must not change.</summary>
    [Test]
    public void A_single_vector_batch_split_over_outputs_gives_the_finite_difference_gradients([Values(1, 3)] int batch)
    {
        var layer = LayerFixtures.Layer(new QkanLayerOptions { Reps = 2 }.WithAllFlags(), inputs: 3, outputs: 5);
        var x = LayerFixtures.Inputs(batch, layer.InFeatures);
        var weights = LayerFixtures.Inputs(batch, layer.OutFeatures, seed: 5);
        var (dx, dParameters) = Gradients.Tape(layer, x, batch, weights);

        double Loss() => Gradients.Loss(layer, x, batch, weights);
        for (int k = 0; k < x.Length; k++)
        {
            Assert.That(dx[k], Is.EqualTo(Gradients.Central(Loss, x, k)).Within(1e-8), $"dL/dx[{k}]");
        }

        foreach (var (name, parameter) in layer.NamedParameters())
        {
            for (int k = 0; k < parameter.Length; k++)
            {
                Assert.That(dParameters[name][k], Is.EqualTo(Gradients.Central(Loss, parameter.Value.Data, k)).Within(1e-8), $"dL/d{name}[{k}]");
            }
        }
    }

    [Test]
    public void Px_without_trainable_preactivations_is_refused_with_a_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new QkanLayer(2, 2, new QkanLayerOptions { Ansatz = Qml.Models.Qkan.Daruan.Ansatz.Px }));
        Assert.That(error!.Message, Does.Contain("PreactTrainable"));
    }
}
