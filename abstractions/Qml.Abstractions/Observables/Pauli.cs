namespace Qml.Abstractions.Observables;

/// <summary>A single-qubit Pauli operator.</summary>
public enum Pauli : byte
{
    I = 0,
    X = 1,
    Y = 2,
    Z = 3,
}
