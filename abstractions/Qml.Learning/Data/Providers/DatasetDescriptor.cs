namespace Qml.Learning.Data;

/// <summary>What a provider offers: its task, the options it takes and where its data comes from.</summary>
public sealed record DatasetDescriptor(
    string Name,
    string Description,
    DatasetTask Task,
    IReadOnlyList<DatasetOptionInfo> Options,
    string? Source = null);

public enum DatasetTask
{
    Classification,
    Regression,
    Forecasting,
}

/// <summary>One option a provider accepts, with its meaning and default as the user would type it.</summary>
public sealed record DatasetOptionInfo(string Name, string Description, string DefaultValue);
