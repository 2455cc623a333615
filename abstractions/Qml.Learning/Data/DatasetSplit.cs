namespace Qml.Learning.Data;

/// <summary>The three disjoint parts of a dataset.</summary>
public sealed record DatasetSplit(Dataset Train, Dataset Validation, Dataset Test);
