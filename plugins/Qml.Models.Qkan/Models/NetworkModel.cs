using Qml.Learning.Layers;
using Qml.Learning.Models;

namespace Qml.Models.Qkan.Models;

/// <summary>A model that is one network with ModelBase's usual loss and metrics.</summary>
internal sealed class NetworkModel(string id, Module network, ModelOptions options, ModelContext context) : ModelBase
{
    public override ModelCard Card { get; } = new()
    {
        ModelId = id,
        Task = context.Task,
        InputFeatures = context.InputFeatures,
        Outputs = context.Outputs,
        SequenceLength = context.SequenceLength,
        ParameterCount = network.ParameterCount,
        Options = options.ToDictionary(),
        Seed = context.Seed,
    };

    public override Module Network { get; } = network;
}
