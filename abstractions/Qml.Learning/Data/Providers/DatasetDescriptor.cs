namespace Qml.Learning.Data;

/// <summary>What a provider offers: its task, the options it takes and where its data comes from.</summary>
public sealed record DatasetDescriptor(
    string Name,
    string Description,
    DatasetTask Task,
    IReadOnlyList<DatasetOptionInfo> Options,
    string? Source = null);

/// <summary>What a dataset's samples are for.</summary>
public enum DatasetTask
{
    /// <summary>Samples with class labels.</summary>
    Classification,

    /// <summary>Samples with numeric targets.</summary>
    Regression,

    /// <summary>Windows of a time series with the next steps as targets (a regression dataset with a sequence length).</summary>
    Forecasting,
}

/// <summary>One option a provider accepts, with its meaning and default as the user would type it.</summary>
public sealed record DatasetOptionInfo(string Name, string Description, string DefaultValue);
