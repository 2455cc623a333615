using Qml.Abstractions.Gates;

namespace Qml.Learning.Quantum;

/// <summary>
/// Exact parameter-shift rules: ∂f/∂θ = Σ c·[f(θ + s) − f(θ − s)] over the rule's terms. Gates whose
/// generator has eigenvalues one apart (RX, RY, RZ, P, U, RXX, RYY, RZZ, CP) take the two-term
/// rule; controlled rotations, whose generator has eigenvalues {0, ±½}, take the four-term rule
/// (Anselmetti et al.; PennyLane's controlled-rotation recipe).
/// </summary>
public static class ShiftRule
{
    private static readonly (double Coefficient, double Shift)[] TwoTerm = [(0.5, Math.PI / 2)];

    private static readonly (double Coefficient, double Shift)[] FourTerm =
    [
        ((Math.Sqrt(2) + 1) / (4 * Math.Sqrt(2)), Math.PI / 2),
        (-(Math.Sqrt(2) - 1) / (4 * Math.Sqrt(2)), 3 * Math.PI / 2),
    ];

    /// <summary>The (coefficient, shift) terms for the angles of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentException">The gate has no angle.</exception>
    public static IReadOnlyList<(double Coefficient, double Shift)> For(OperationKind kind) => kind switch
    {
        OperationKind.RX or OperationKind.RY or OperationKind.RZ or OperationKind.P or OperationKind.U
            or OperationKind.RXX or OperationKind.RYY or OperationKind.RZZ or OperationKind.CP => TwoTerm,
        OperationKind.CRX or OperationKind.CRY or OperationKind.CRZ => FourTerm,
        _ => throw new ArgumentException($"'{GateDefinition.Of(kind).Name}' has no angle to shift.", nameof(kind)),
    };
}
