using Qml.Abstractions.Execution;
using Qml.Backends.Cpu;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Training;
using Qml.Models.Classifiers.Hybrid;

namespace Qml.Models.Classifiers.Tests;

/// <summary>A hybrid model on two moons, built the way <c>qml train</c> builds it.</summary>
internal static class HybridTestData
{
    public static IBackend Cpu() => new CpuBackendFactory().Create(BackendOptions.Default.With("threads", "1"));

    public static (IModel Model, DatasetSplit Data, ModelCard Card) Moons(
        IBackend backend, int seed, int samples = 200, ModelOptions? options = null, DifferentiationMethod diff = DifferentiationMethod.Auto)
    {
        var raw = BuiltInDatasets.Load("moons", DatasetOptions.Default.With("samples", samples.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var (split, preparation) = DataPreparation.Fit(raw, seed);
        var context = new ModelContext(backend, diff, seed, raw.FeatureCount, raw.ClassCount, ModelTask.Classification);
        var model = new HybridModelFactory().Create(options ?? ModelOptions.Default, context);
        return (model, split, model.Card with { Dataset = "moons", Preprocessing = preparation });
    }

    public static double[] Weights(IModel model) => [.. model.Network.Parameters().SelectMany(p => p.Value.ToArray())];
}

/// <summary>A fresh folder under the system temp directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qml-hybrid-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
