namespace Qml.Abstractions.Observables;

/// <summary>One weighted Pauli string of an <see cref="Observable"/>.</summary>
public sealed record PauliTerm(double Coefficient, PauliString Pauli)
{
    /// <summary><c>coefficient*pauli</c> with the round-trip number form, e.g. <c>0.5*Z0 Z1</c>.</summary>
    public override string ToString() => $"{Coefficient:R}*{Pauli}";
}
