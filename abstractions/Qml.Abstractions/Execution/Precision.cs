namespace Qml.Abstractions.Execution;

/// <summary>Floating-point precision of a backend's amplitudes.</summary>
public enum Precision
{
    Single,
    Double,
}
