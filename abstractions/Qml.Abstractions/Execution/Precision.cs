namespace Qml.Abstractions.Execution;

/// <summary>Floating-point precision of a backend's amplitudes.</summary>
public enum Precision
{
    /// <summary>32-bit floats per real and imaginary part: half the memory, about 7 significant digits.</summary>
    Single,

    /// <summary>64-bit floats per real and imaginary part, about 16 significant digits.</summary>
    Double,
}
