namespace Qml.Abstractions.Execution;

/// <summary>Creates backends of one kind; plugins register factories in their module.</summary>
public interface IBackendFactory
{
    /// <summary>The name users pass to <c>--backend</c>, lower-case.</summary>
    string Name { get; }

    /// <summary>Capabilities, options and availability, without creating a backend; an unavailable backend is reported through <see cref="BackendDescriptor.IsAvailable"/>.</summary>
    BackendDescriptor Describe();

    /// <exception cref="QmlException">Bad options, or the backend is unavailable here.</exception>
    IBackend Create(BackendOptions options);
}
