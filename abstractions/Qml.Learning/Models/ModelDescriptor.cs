namespace Qml.Learning.Models;

/// <summary>What a model factory offers: its task, the options it takes and the dataset <c>qml train</c> uses when none is named.</summary>
public sealed record ModelDescriptor(
    string Name,
    string Description,
    ModelTask Task,
    IReadOnlyList<ModelOptionInfo> Options,
    string DefaultDataset);

/// <summary>One option a model accepts (<c>-m key=value</c>), with its meaning and default as the user would type it.</summary>
public sealed record ModelOptionInfo(string Name, string Description, string DefaultValue);
