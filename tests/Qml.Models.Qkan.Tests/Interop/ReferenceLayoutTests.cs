using Qml.Learning.Checkpoints;
using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Interop;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Tests.Interop;

/// <summary>Reading the reference layout back: every ansatz family, the p_dim = 2 form, flags from values, prefixes.</summary>
public sealed class ReferenceLayoutTests
{
    private static Dictionary<string, SafeTensor> TensorsOf(Module model) =>
        LayerFixtures.All(model).ToDictionary(p => p.Name, p => new SafeTensor(p.Tensor.Shape, p.Tensor.ToArray()), StringComparer.Ordinal);

    [TestCase(Ansatz.Pz, Ansatz.Mix)]
    [TestCase(Ansatz.Rpz, Ansatz.Px)]
    [TestCase(Ansatz.Real, null)]
    public void A_saved_network_is_recognised_with_its_width_reps_and_ansatz_family(Ansatz ansatz, Ansatz? twin)
    {
        var network = new Qml.Models.Qkan.Networks.Qkan([2, 4, 3], QkanLayerOptions.ForNetwork with { Ansatz = ansatz, Reps = 2 }, new Random(1));

        var report = ReferenceLayout.Inspect(TensorsOf(network));

        Assert.Multiple(() =>
        {
            Assert.That(report.Problems, Is.Empty);
            Assert.That(report.Width, Is.EqualTo(new[] { 2, 4, 3 }));
            Assert.That(report.Options.Reps, Is.EqualTo(2));
            Assert.That(report.Options.Ansatz, Is.EqualTo(ansatz));
            Assert.That(report.AmbiguousWith, Is.EqualTo(twin));
        });
    }

    [Test]
    public void The_inferred_network_computes_the_saved_one_from_the_p_dim_2_layout_under_another_prefix()
    {
        var options = QkanLayerOptions.ForNetwork.WithAllFlags() with { Reps = 3 };
        var network = new Qml.Models.Qkan.Networks.Qkan([1, 5, 2], options, new Random(2));
        foreach (var (_, p) in network.NamedParameters())
        {
            var data = p.Value.Data;
            for (int k = 0; k < data.Length; k++)
            {
                data[k] += 0.1 * Math.Sin(k + 1);
            }
        }

        // p_dim = 2: (O, I, …) flattened to (O·I, …); the file's prefix is "model.layers.".
        var flat = TensorsOf(network).ToDictionary(
            p => "model." + p.Key,
            p => p.Value.Shape.Length >= 3 ? p.Value with { Shape = [p.Value.Shape[0] * p.Value.Shape[1], .. p.Value.Shape[2..]] } : p.Value,
            StringComparer.Ordinal);

        var report = ReferenceLayout.Inspect(flat);
        Assert.That(report.Problems, Is.Empty);
        Assert.That(report.Prefix, Is.EqualTo("model.layers."));
        Assert.That(report.Options.PreactTrainable && report.Options.BaseTrainable && report.Options.PostactWeightTrainable && report.Options.PostactBiasTrainable, Is.True);

        var rebuilt = new Qml.Models.Qkan.Networks.Qkan(report.Width, report.Options, new Random(9));
        QkanSafeTensors.Apply(rebuilt, ReferenceLayout.Renamed(flat, report.Prefix));
        var x = Tensor.FromArray([6, 1], LayerFixtures.Inputs(6, 1));
        Assert.That(rebuilt.Forward(x).ToArray(), Is.EqualTo(network.Forward(x).ToArray()).Within(1e-15));
    }

    [Test]
    public void Default_valued_flags_stay_frozen_and_an_explicit_ansatz_must_fit_the_shapes()
    {
        var network = new Qml.Models.Qkan.Networks.Qkan([1, 3, 1], QkanLayerOptions.ForNetwork with { Reps = 2 }, new Random(3));
        var tensors = TensorsOf(network);

        var report = ReferenceLayout.Inspect(tensors);
        var mix = ReferenceLayout.Inspect(tensors, Ansatz.Mix);
        var rpz = ReferenceLayout.Inspect(tensors, Ansatz.Rpz);

        Assert.Multiple(() =>
        {
            Assert.That(report.Options.PreactTrainable || report.Options.BaseTrainable || report.Options.PostactWeightTrainable || report.Options.PostactBiasTrainable, Is.False);
            Assert.That(mix.Problems, Is.Empty);
            Assert.That(mix.Options.Ansatz, Is.EqualTo(Ansatz.Mix));
            Assert.That(rpz.Problems, Has.Some.Contains("--ansatz rpz does not fit 'layers.0.theta' (3, 1, 3, 2)"));
        });
    }

    [Test]
    public void Theta_steps_that_fit_no_ansatz_are_explained()
    {
        var network = new Qml.Models.Qkan.Networks.Qkan([1, 2], QkanLayerOptions.ForNetwork with { Reps = 2 }, new Random(4));
        var tensors = TensorsOf(network);
        tensors["layers.0.theta"] = new SafeTensor([2, 1, 5, 2], new double[20]);

        var report = ReferenceLayout.Inspect(tensors);

        Assert.That(report.Fits, Is.False);
        Assert.That(report.Problems.Single(), Does.Contain("'layers.0.theta' has shape (2, 1, 5, 2), which fits no ansatz with reps 2"));
    }

    [Test]
    public void A_file_without_theta_says_what_it_looked_for()
    {
        var report = ReferenceLayout.Inspect(new Dictionary<string, SafeTensor> { ["weight"] = new([2, 2], new double[4]) });

        Assert.That(report.Problems.Single(), Does.Contain("no theta tensor"));
    }
}
