namespace Qml.Abstractions.Execution;

/// <summary>A request a backend cannot run as given (too large, unsupported output, bad binding).</summary>
public sealed class BackendException : QmlException
{
    public BackendException(string backend, string message)
        : base($"backend '{backend}': {message}") => Backend = backend;

    public BackendException(string backend, string message, Exception innerException)
        : base($"backend '{backend}': {message}", innerException) => Backend = backend;

    /// <summary>Name of the backend that refused the request.</summary>
    public string Backend { get; }
}
