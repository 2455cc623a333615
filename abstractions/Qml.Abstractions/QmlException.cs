namespace Qml.Abstractions;

/// <summary>
/// An error a user can act on: bad input, an unsupported request, a resource limit. Its message
/// names the input, the place and what would be valid; hosts print it without a stack trace.
/// </summary>
public class QmlException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What input is wrong, where (file:line:col, option, qubit index) and what would be valid.</param>
    public QmlException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with the exception that caused it (e.g. an I/O error).</summary>
    /// <param name="message">What input is wrong, where and what would be valid.</param>
    /// <param name="innerException">The underlying failure.</param>
    public QmlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
