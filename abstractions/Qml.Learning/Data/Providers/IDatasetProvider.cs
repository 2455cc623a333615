namespace Qml.Learning.Data;

/// <summary>
/// A named source of datasets. Plugins register implementations in
/// <c>ConfigureServices</c>; the host's plugin loader lists them as kind "dataset" and
/// <c>qml train --dataset NAME</c> loads one with the user's <c>key=value</c> options.
/// </summary>
public interface IDatasetProvider
{
    string Name { get; }

    DatasetDescriptor Describe();

    Dataset Load(DatasetOptions options);
}
