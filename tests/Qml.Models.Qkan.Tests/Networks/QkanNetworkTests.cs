using Qml.Learning.Tensors;
using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Layers;
using Qml.Models.Qkan.Networks;
using QkanNetwork = Qml.Models.Qkan.Networks.Qkan;

namespace Qml.Models.Qkan.Tests.Networks;

public sealed class QkanNetworkTests
{
    [Test]
    public void Parameter_counts_follow_the_spec_examples()
    {
        Assert.That(new QkanNetwork([1, 4, 1]).ParameterCount, Is.EqualTo(64));
        Assert.That(new QkanNetwork([1, 4, 1], QkanLayerOptions.ForNetwork.WithAllFlags()).ParameterCount, Is.EqualTo(136));
        Assert.That(new QkanNetwork([1, 1], QkanLayerOptions.ForNetwork.WithAllFlags()).ParameterCount, Is.EqualTo(17));
        Assert.That(new QkanNetwork([1, 10, 1]).ParameterCount, Is.EqualTo(160));
        Assert.That(new QkanNetwork([1, 10, 1], QkanLayerOptions.ForNetwork.WithAllFlags()).ParameterCount, Is.EqualTo(340));
    }

    [Test]
    public void Checkpoint_keys_are_the_reference_state_dict_names()
    {
        var names = new QkanNetwork([2, 3, 1]).NamedParameters().Select(p => p.Name).Concat(new QkanNetwork([2, 3, 1]).NamedBuffers().Select(b => b.Name)).ToList();
        Assert.That(names, Does.Contain("layers.0.theta").And.Contain("layers.1.mask").And.Contain("layers.1.preacts_bias"));
    }

    [Test]
    public void Layers_chain_with_nothing_in_between()
    {
        var net = new QkanNetwork([2, 3, 2], QkanLayerOptions.ForNetwork, seed: 4);
        var x = Tensor.FromArray([5, 2], LayerFixtures.Inputs(5, 2));
        var expected = net.Layers[1].Forward(net.Layers[0].Forward(x)).ToArray();
        Assert.That(net.Forward(x).ToArray(), Is.EqualTo(expected));
    }

    [TestCase(Ansatz.Pz, false)]
    [TestCase(Ansatz.Pz, true)]
    [TestCase(Ansatz.Rpz, false)]
    [TestCase(Ansatz.Rpz, true)]
    public void Refine_preserves_the_function(Ansatz ansatz, bool allFlags)
    {
        var options = new QkanLayerOptions { Ansatz = ansatz, Reps = 2, BaseTrainable = false };
        var net = new QkanNetwork([2, 4, 1], allFlags ? options.WithAllFlags() : options, seed: 9);
        foreach (var layer in net.Layers)
        {
            // Non-default pre-activations and post-activations, so copying them is tested too.
            var random = new Random(2);
            foreach (var t in new[] { layer.PreactWeight, layer.PreactBias, layer.PostactWeights, layer.PostactBias })
            {
                for (int k = 0; k < t.Length; k++)
                {
                    t.Data[k] += 0.3 * (random.NextDouble() - 0.5);
                }
            }
        }

        var refined = net.Refine(5);
        Assert.That(refined.Layers[0].Options.Reps, Is.EqualTo(5));
        Assert.That(refined.Layers[0].Theta.Shape, Is.EqualTo(new[] { 4, 2, 6, AnsatzInfo.AnglesPerStep(ansatz) }));
        var x = Tensor.FromArray([13, 2], LayerFixtures.Inputs(13, 2));
        Assert.That(refined.Forward(x).ToArray(), Is.EqualTo(net.Forward(x).ToArray()).Within(1e-13));
    }

    [Test]
    public void Hqkan_is_linear_qkan_linear_with_log2_latents()
    {
        var model = new Hqkan(256, 100);
        Assert.That((model.LatentIn, model.LatentOut), Is.EqualTo((8, 7)));
        Assert.That(model.ParameterCount, Is.EqualTo(3304)); // spec §9
        var x = Tensor.FromArray([3, 256], LayerFixtures.Inputs(3, 256));
        var expected = model.Decoder.Forward(model.Qkan.Forward(model.Encoder.Forward(x))).ToArray();
        Assert.That(model.Forward(x).ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void Hqkan_trains_end_to_end_with_gradients_through_every_part()
    {
        var model = new Hqkan(6, 2, random: new Random(1));
        var x = Tensor.FromArray([4, 6], LayerFixtures.Inputs(4, 6));
        Ops.Sum(Ops.Square(model.Forward(x))).Backward();
        Assert.That(model.NamedParameters().All(p => p.Parameter.Grad is not null), Is.True);
    }
}
