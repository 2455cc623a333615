using System.Globalization;
using Qml.Abstractions.Execution;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Training;

namespace Qml.Models.Classifiers.Tests;

/// <summary>Any classifier factory on a built-in dataset, built the way <c>qml train</c> builds it.</summary>
internal static class ClassifierTestData
{
    public static (IModel Model, DatasetSplit Data, ModelCard Card) Load(
        IModelFactory factory, IBackend backend, string dataset, int seed, int samples = 200, ModelOptions? options = null, string scaling = "standardize", params string[] datasetOptions)
    {
        var datasetOpts = DatasetOptions.Default.With("samples", samples.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i + 1 < datasetOptions.Length; i += 2)
        {
            datasetOpts = datasetOpts.With(datasetOptions[i], datasetOptions[i + 1]);
        }

        var raw = BuiltInDatasets.Load(dataset, datasetOpts);
        var (split, preparation) = DataPreparation.Fit(raw, seed, scaling);
        var context = new ModelContext(backend, DifferentiationMethod.Auto, seed, raw.FeatureCount, raw.ClassCount, ModelTask.Classification);
        var model = factory.Create(options ?? ModelOptions.Default, context);
        return (model, split, model.Card with { Dataset = dataset, Preprocessing = preparation });
    }
}
