using Qml.Abstractions.Options;

namespace Qml.Learning.Data;

/// <summary>
/// Settings for loading a dataset: <c>key=value</c> pairs from the command line
/// (<c>--dataset-option samples=200</c>) or code.
/// </summary>
public sealed record DatasetOptions : KeyValueOptions<DatasetOptions>
{
    /// <summary>Names the options in error messages ("Dataset option ...").</summary>
    protected override string Subject => "Dataset";

    /// <summary>Throws when a key is not documented by the dataset, listing the valid keys.</summary>
    public void RequireKnown(string dataset, IEnumerable<DatasetOptionInfo> known) =>
        RequireKnownKeys(dataset, known.Select(k => k.Name));
}
