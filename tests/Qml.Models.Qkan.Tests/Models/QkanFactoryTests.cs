using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Models.Qkan.Models;

namespace Qml.Models.Qkan.Tests.Models;

/// <summary>--model qkan built from options, as qml train and qml bench model build it.</summary>
public sealed class QkanFactoryTests
{
    private static IModel Build(int features, int outputs, params string[] options) =>
        new QkanModelFactory().Create(ModelOptions.Parse(options), new ModelContext(SpecReference.Backend, DifferentiationMethod.Auto, 0, features, outputs, ModelTask.Regression));

    [TestCase("hidden=")]
    [TestCase("hidden=none")]
    public void No_hidden_width_is_a_single_layer(string hidden)
    {
        // QKANLayer(64, 64, reps 3) with the SiLU branch: 64·64·(8 + 1), the spec's example.
        var model = Build(64, 64, hidden, "reps=3", "base=true");

        Assert.That(model.Network.ParameterCount, Is.EqualTo(36864));
    }

    [Test]
    public void Hidden_widths_chain_layers()
    {
        Assert.That(Build(1, 1, "hidden=10").Network.ParameterCount, Is.EqualTo(160));
        Assert.That(Build(2, 1, "hidden=3,4").Network.ParameterCount, Is.EqualTo(((2 * 3) + (3 * 4) + (4 * 1)) * 8));
    }
}
