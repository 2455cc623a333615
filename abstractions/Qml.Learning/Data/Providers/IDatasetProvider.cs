namespace Qml.Learning.Data;

/// <summary>
/// A named source of datasets. Plugins register implementations in
/// <c>ConfigureServices</c>; the host's plugin loader lists them as kind "dataset" and
/// <c>qml train --dataset NAME</c> loads one with the user's <c>key=value</c> options.
/// </summary>
public interface IDatasetProvider
{
    /// <summary>The name users pass to <c>--dataset</c>; lower-case, unique among providers.</summary>
    string Name { get; }

    /// <summary>The task, options and source, for listings and option validation; loads no data.</summary>
    DatasetDescriptor Describe();

    /// <summary>Loads (or generates) the dataset; reject unknown option keys (e.g. with <see cref="DatasetOptions.RequireKnown"/>).</summary>
    /// <exception cref="Qml.Abstractions.QmlException">Bad options or unavailable data, with the option or file named.</exception>
    Dataset Load(DatasetOptions options);
}
