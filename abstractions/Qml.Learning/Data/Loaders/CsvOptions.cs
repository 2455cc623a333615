namespace Qml.Learning.Data.Loaders;

/// <summary>How to read a CSV file into a dataset.</summary>
public sealed record CsvOptions
{
    /// <summary>
    /// The label (classification) or target (regression) column: a header name, or a zero-based
    /// index; null reads every column as a feature.
    /// </summary>
    public string? LabelColumn { get; init; }

    /// <summary>Whether <see cref="LabelColumn"/> holds class labels or a numeric regression target.</summary>
    public CsvLabelKind LabelKind { get; init; } = CsvLabelKind.Classification;

    /// <summary>Whether the first line names the columns; without it columns are named c0, c1, ….</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The cell separator; a comma by default.</summary>
    public char Delimiter { get; init; } = ',';
}

/// <summary>What the label column of a CSV file holds.</summary>
public enum CsvLabelKind
{
    /// <summary>Labels are class names; all non-negative integers are used as class indices, other names are numbered in sorted order.</summary>
    Classification,

    /// <summary>The label column is a numeric regression target.</summary>
    Regression,
}
