using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance.Tests;

/// <summary>
/// Adjoint differentiation of ⟨ψ|H|ψ⟩ on the reference simulator: walk the circuit backwards
/// with φ (the state before each gate) and λ (H|ψ⟩ pulled back through the later gates);
/// ∂⟨H⟩/∂angle = 2·Re⟨λ|∂U|φ⟩, and each angle's derivative flows to its symbols through the
/// affine coefficients. The global phase cancels in an expectation.
/// </summary>
internal static class AdjointGradient
{
    public static void Accumulate(Circuit circuit, ReadOnlySpan<double> symbols, Complex[] finalState, Observable weighted, Span<double> gradient)
    {
        var phi = (Complex[])finalState.Clone();
        var lambda = ReferenceSimulator.ApplyObservable(finalState, weighted);
        for (var index = circuit.Operations.Length - 1; index >= 0; index--)
        {
            var operation = circuit.Operations[index];
            if (operation.Kind == OperationKind.Barrier)
            {
                continue;
            }

            var inverse = Adjoint(ReferenceSimulator.MatrixOf(operation, symbols));
            ReferenceSimulator.ApplyMatrix(phi, inverse, operation.Qubits.AsSpan());
            if (operation.IsSymbolic)
            {
                var angles = new double[operation.Angles.Length];
                operation.EvaluateAngles(symbols, angles);
                var dimension = GateMatrices.Dimension(operation.Kind);
                for (var a = 0; a < angles.Length; a++)
                {
                    var angle = operation.Angles[a];
                    if (angle.IsConstant)
                    {
                        continue;
                    }

                    var derivative = new Complex[dimension * dimension];
                    GateMatrices.FillDerivative(operation.Kind, angles, a, derivative);
                    var moved = (Complex[])phi.Clone();
                    ReferenceSimulator.ApplyMatrix(moved, derivative, operation.Qubits.AsSpan());
                    var byAngle = 2.0 * ReferenceSimulator.Inner(lambda, moved).Real;
                    foreach (var term in angle.Terms)
                    {
                        gradient[term.Symbol] += term.Coefficient * byAngle;
                    }
                }
            }

            ReferenceSimulator.ApplyMatrix(lambda, inverse, operation.Qubits.AsSpan());
        }
    }

    private static Complex[] Adjoint(Complex[] matrix)
    {
        var dimension = (int)Math.Round(Math.Sqrt(matrix.Length));
        var adjoint = new Complex[matrix.Length];
        for (var r = 0; r < dimension; r++)
        {
            for (var c = 0; c < dimension; c++)
            {
                adjoint[(c * dimension) + r] = Complex.Conjugate(matrix[(r * dimension) + c]);
            }
        }

        return adjoint;
    }
}
