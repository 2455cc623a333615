namespace Qml.Learning.Data;

/// <summary>
/// A provider made of a descriptor and a load function; it rejects options the descriptor
/// does not list before loading, so every built-in dataset validates keys the same way.
/// </summary>
public sealed class DatasetProvider(DatasetDescriptor descriptor, Func<DatasetOptions, Dataset> load) : IDatasetProvider
{
    /// <summary>The dataset's name, from the descriptor.</summary>
    public string Name => descriptor.Name;

    /// <summary>The descriptor given at construction.</summary>
    public DatasetDescriptor Describe() => descriptor;

    /// <summary>Checks the option keys against the descriptor, then calls the load function.</summary>
    /// <exception cref="Qml.Abstractions.QmlException">An option key the descriptor does not list, or whatever the load function throws for bad values or data.</exception>
    public Dataset Load(DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireKnown(descriptor.Name, descriptor.Options);
        return load(options);
    }
}
