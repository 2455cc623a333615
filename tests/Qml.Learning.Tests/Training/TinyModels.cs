using Qml.Learning.Data;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Training;

namespace Qml.Learning.Tests.Training;

/// <summary>Small classical models and prepared data for the trainer tests (no backend, so they run in milliseconds).</summary>
internal sealed class TinyMlp : ModelBase
{
    public TinyMlp(int features, int outputs, ModelTask task, int seed, int hidden = 16, string id = "tiny-mlp")
    {
        var random = new Random(seed);
        Network = new Sequential(new Dense(features, hidden, random), new Tanh(), new Dense(hidden, outputs, random, init: Initialization.XavierUniform));
        Card = new ModelCard { ModelId = id, Task = task, InputFeatures = features, Outputs = outputs, ParameterCount = Network.ParameterCount };
    }

    public override ModelCard Card { get; }

    public override Module Network { get; }

    public static (TinyMlp Model, DatasetSplit Data, ModelCard Card) Moons(int seed, int samples = 200, string id = "tiny-mlp")
    {
        var raw = BuiltInDatasets.Load("moons", DatasetOptions.Default.With("samples", samples.ToString(System.Globalization.CultureInfo.InvariantCulture)).With("seed", "3"));
        var (split, preparation) = DataPreparation.Fit(raw, seed);
        var model = new TinyMlp(raw.FeatureCount, raw.ClassCount, ModelTask.Classification, seed, id: id);
        return (model, split, model.Card with { Dataset = "moons", Preprocessing = preparation });
    }

    public static double[] Weights(IModel model) => [.. model.Network.Parameters().SelectMany(p => p.Value.ToArray())];
}

/// <summary>A fresh folder under the system temp directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qml-training-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
