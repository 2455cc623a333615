using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Tests.Layers;

public sealed class ParameterCountTests
{
    [Test]
    public void Counts_follow_the_spec_examples()
    {
        Assert.That(new QkanLayer(3, 2).ParameterCount, Is.EqualTo(54));
        Assert.That(new QkanLayer(3, 2, new QkanLayerOptions { Ansatz = Ansatz.Rpz }).ParameterCount, Is.EqualTo(48));
        Assert.That(new QkanLayer(3, 2, new QkanLayerOptions().WithAllFlags()).ParameterCount, Is.EqualTo(102));
        Assert.That(new QkanLayer(64, 64).ParameterCount, Is.EqualTo(36864));
    }

    [Test]
    public void Counts_follow_the_formula_for_every_option([Values] Ansatz ansatz, [Values] bool preact, [Values] bool baseBranch, [Values] bool postWeight, [Values] bool postBias)
    {
        var options = new QkanLayerOptions
        {
            Ansatz = ansatz,
            Reps = 3,
            PreactTrainable = preact,
            BaseTrainable = baseBranch,
            PostactWeightTrainable = postWeight,
            PostactBiasTrainable = postBias,
        };
        if (ansatz == Ansatz.Px && !preact)
        {
            // The reference crashes on px without trainable pre-activations; here it is a clear error.
            Assert.That(() => new QkanLayer(3, 2, options), Throws.ArgumentException.With.Message.Contains("PreactTrainable"));
            return;
        }

        Assert.That(new QkanLayer(3, 2, options).ParameterCount, Is.EqualTo(QkanLayer.ExpectedParameterCount(3, 2, options)));
    }

    [Test]
    public void Frozen_tensors_are_buffers_with_the_reference_names_and_shapes()
    {
        var layer = new QkanLayer(3, 2);
        Assert.That(layer.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "theta", "base_weight" }));
        Assert.That(layer.NamedBuffers().Select(b => b.Name), Is.EqualTo(new[] { "preacts_weight", "preacts_bias", "postact_weights", "postact_bias", "mask" }));
        Assert.That(layer.Theta.Shape, Is.EqualTo(new[] { 2, 3, 4, 2 }));
        Assert.That(layer.BaseWeight.ToArray(), Is.All.EqualTo(0.5));
    }

    [Test]
    public void Xavier_std_uses_torchs_fan_rule()
    {
        Assert.That(QkanLayer.XavierStd([2, 3, 4, 2]), Is.EqualTo(0.2236).Within(1e-4));
    }
}
