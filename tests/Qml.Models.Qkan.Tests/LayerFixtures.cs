using Qml.Learning.Checkpoints;
using Qml.Learning.Layers;
using Qml.Learning.Tensors;
using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Interop;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Tests;

/// <summary>Layer configurations under test and parameters fixed by the test (written to a safetensors file, then loaded).</summary>
internal static class LayerFixtures
{
    public static IEnumerable<TestCaseData> AllConfigurations()
    {
        foreach (Ansatz ansatz in Enum.GetValues<Ansatz>())
        {
            foreach (Readout readout in Enum.GetValues<Readout>())
            {
                var plain = new QkanLayerOptions { Ansatz = ansatz, Readout = readout, Reps = 2 };
                if (ansatz != Ansatz.Px)
                {
                    yield return Case("defaults", plain);
                    yield return Case("no-base", plain with { BaseTrainable = false });
                    yield return Case("grouped", plain with { Group = 2, PostactBiasTrainable = true });
                }

                yield return Case("all-flags", plain.WithAllFlags());
                yield return Case("postact-only", plain with { PreactTrainable = ansatz == Ansatz.Px, PostactWeightTrainable = true, PostactBiasTrainable = true, Reps = 3 });
            }
        }
    }

    private static TestCaseData Case(string flags, QkanLayerOptions options) =>
        new TestCaseData(options).SetArgDisplayNames($"{AnsatzInfo.Name(options.Ansatz)}-{ReadoutInfo.Name(options.Readout)}-{flags}");

    /// <summary>
    /// A 3-input, 2-output layer whose every tensor (frozen ones included) holds seeded values:
    /// theta in [−π, π], pre-activation weights in [0.5, 1] and biases in [−0.3, 0.3] (so px's
    /// w·x+b stays inside acos's domain for |x| ≤ 0.5), mask with one pruned edge.
    /// </summary>
    public static QkanLayer Layer(QkanLayerOptions options, int seed = 7, int inputs = 3, int outputs = 2)
    {
        var layer = new QkanLayer(inputs, outputs, options, seed);
        var random = new Random(seed + 1000);
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in All(layer))
        {
            var values = new double[tensor.Length];
            for (int k = 0; k < values.Length; k++)
            {
                double u = random.NextDouble();
                values[k] = name switch
                {
                    "theta" => Math.PI * ((2 * u) - 1),
                    "preacts_weight" => 0.5 + (0.5 * u),
                    "preacts_bias" => 0.6 * (u - 0.5),
                    "mask" => k == 1 ? 0.0 : 1.0,
                    _ => (2 * u) - 1,
                };
            }

            tensors[name] = new SafeTensor(tensor.Shape, values);
        }

        string path = Path.Combine(Path.GetTempPath(), $"qkan-fixture-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensorsFile.Write(path, tensors);
            QkanSafeTensors.Load(layer, path);
        }
        finally
        {
            File.Delete(path);
        }

        return layer;
    }

    public static double[] Inputs(int batch, int inputs, int seed = 3)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, batch * inputs).Select(_ => random.NextDouble() - 0.5).ToArray();
    }

    public static IEnumerable<(string Name, Tensor Tensor)> All(Module module) =>
        module.NamedParameters().Select(p => (p.Name, p.Parameter.Value)).Concat(module.NamedBuffers());
}
