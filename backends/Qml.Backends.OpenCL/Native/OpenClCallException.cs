using System.Globalization;
using Qml.Abstractions;

namespace Qml.Backends.OpenCL.Native;

/// <summary>An OpenCL call that returned an error; the backend wraps it with the device's name.</summary>
internal sealed class OpenClCallException(string call, int status, string? detail = null)
    : QmlException(string.Create(CultureInfo.InvariantCulture, $"{call} returned {ClStatus.Name(status)} ({status}){(detail is null ? string.Empty : ": " + detail)}"))
{
    public int Status { get; } = status;
}
