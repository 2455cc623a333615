namespace Qml.Abstractions.Execution;

/// <summary>A request a backend cannot run as given (too large, unsupported output, bad binding).</summary>
public sealed class BackendException : QmlException
{
    /// <summary>Creates the error; the message becomes <c>backend 'name': message</c>.</summary>
    /// <param name="backend">Name of the backend that refused the request.</param>
    /// <param name="message">What is wrong and what would be valid.</param>
    public BackendException(string backend, string message)
        : base($"backend '{backend}': {message}") => Backend = backend;

    /// <summary>Creates the error with the exception that caused it; the message becomes <c>backend 'name': message</c>.</summary>
    /// <param name="backend">Name of the backend that refused the request.</param>
    /// <param name="message">What is wrong and what would be valid.</param>
    /// <param name="innerException">The underlying failure (e.g. a device error).</param>
    public BackendException(string backend, string message, Exception innerException)
        : base($"backend '{backend}': {message}", innerException) => Backend = backend;

    /// <summary>Name of the backend that refused the request.</summary>
    public string Backend { get; }
}
