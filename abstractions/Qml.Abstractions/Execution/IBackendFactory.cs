namespace Qml.Abstractions.Execution;

/// <summary>Creates backends of one kind; plugins register factories in their module.</summary>
public interface IBackendFactory
{
    /// <summary>The name users pass to <c>--backend</c>, lower-case.</summary>
    string Name { get; }

    BackendDescriptor Describe();

    /// <exception cref="QmlException">Bad options, or the backend is unavailable here.</exception>
    IBackend Create(BackendOptions options);
}
