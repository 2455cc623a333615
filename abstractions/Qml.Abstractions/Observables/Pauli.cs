namespace Qml.Abstractions.Observables;

/// <summary>A single-qubit Pauli operator.</summary>
public enum Pauli : byte
{
    /// <summary>Identity.</summary>
    I = 0,

    /// <summary>Pauli X (bit flip).</summary>
    X = 1,

    /// <summary>Pauli Y.</summary>
    Y = 2,

    /// <summary>Pauli Z (phase flip), diagonal.</summary>
    Z = 3,
}
