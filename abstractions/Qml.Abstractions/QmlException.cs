namespace Qml.Abstractions;

/// <summary>
/// An error a user can act on: bad input, an unsupported request, a resource limit. Its message
/// names the input, the place and what would be valid; hosts print it without a stack trace.
/// </summary>
public class QmlException : Exception
{
    public QmlException(string message)
        : base(message)
    {
    }

    public QmlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
