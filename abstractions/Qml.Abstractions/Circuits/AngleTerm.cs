namespace Qml.Abstractions.Circuits;

/// <summary>One term <c>Coefficient · symbol[Symbol]</c> of an affine <see cref="Angle"/>.</summary>
public readonly record struct AngleTerm(int Symbol, double Coefficient);
