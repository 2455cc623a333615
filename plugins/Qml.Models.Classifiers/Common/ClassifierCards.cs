using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Quantum;

namespace Qml.Models.Classifiers.Common;

/// <summary>Builds the model card every classifier in this plugin shares.</summary>
internal static class ClassifierCards
{
    public static ModelCard Create(string modelId, string version, Module network, ModelOptions options, ModelContext context) => new()
    {
        ModelId = modelId,
        ModelVersion = version,
        Task = context.Task,
        InputFeatures = context.InputFeatures,
        Outputs = context.Outputs,
        SequenceLength = context.SequenceLength,
        ParameterCount = network.ParameterCount,
        Options = options.ToDictionary(),
        Backend = context.Backend.Info.Name,
        Differentiation = DifferentiationMethodNames.Name(context.Differentiation),
        Seed = context.Seed,
    };
}
