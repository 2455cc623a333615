namespace Qml.Learning.Data;

/// <summary>
/// A provider made of a descriptor and a load function; it rejects options the descriptor
/// does not list before loading, so every built-in dataset validates keys the same way.
/// </summary>
public sealed class DatasetProvider(DatasetDescriptor descriptor, Func<DatasetOptions, Dataset> load) : IDatasetProvider
{
    public string Name => descriptor.Name;

    public DatasetDescriptor Describe() => descriptor;

    public Dataset Load(DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireKnown(descriptor.Name, descriptor.Options);
        return load(options);
    }
}
