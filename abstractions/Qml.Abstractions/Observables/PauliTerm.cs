namespace Qml.Abstractions.Observables;

/// <summary>One weighted Pauli string of an <see cref="Observable"/>.</summary>
public sealed record PauliTerm(double Coefficient, PauliString Pauli)
{
    public override string ToString() => $"{Coefficient:R}*{Pauli}";
}
