using Qml.Abstractions.Gates;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Gradients;

/// <summary>
/// The gradient of a Pauli rotation U = exp(−iθP/2) without its derivative matrix: since
/// ∂U/∂θ = (−i/2)·P·U, 2·Re⟨λ|∂U|ψ_before⟩ = Im⟨λ|P|ψ_after⟩, one pass of sign flips and pair
/// swaps over λ and ψ taken before ψ is un-applied. RX, RY and RZ are most of the angles in
/// variational circuits, so this is the adjoint's hot path.
/// </summary>
internal static unsafe class RotationGeneratorProduct
{
    public static bool Handles(OperationKind kind) => kind is OperationKind.RX or OperationKind.RY or OperationKind.RZ;

    /// <summary>Im⟨λ|P_q|ψ⟩ for the rotation's Pauli P on qubit <paramref name="qubit"/>.</summary>
    public static double Compute(OperationKind kind, int qubit, StateBuffer lambda, StateBuffer psi, int threads)
    {
        var stride = (nuint)1 << qubit;
        var pl = (double*)lambda.Pointer;
        var pp = (double*)psi.Pointer;
        var pairs = lambda.Length >> 1;
        if (threads <= 1)
        {
            return Pairs(kind, pl, pp, stride, qubit, 0, pairs);
        }

        return AmplitudeChunks.Sum(pairs, threads, (begin, end) => Pairs(kind, pl, pp, stride, qubit, begin, end));
    }

    private static double Pairs(OperationKind kind, double* l, double* p, nuint stride, int qubit, nuint begin, nuint end)
    {
        var sum = 0.0;
        for (var pair = begin; pair < end; pair++)
        {
            // Index of the pair's |0⟩ amplitude: the pair number with a zero inserted at the qubit.
            var j = ((pair >> qubit) << (qubit + 1)) | (pair & (stride - 1));
            var lo = 2 * j;
            var hi = 2 * (j + stride);
            double l0r = l[lo], l0i = l[lo + 1], l1r = l[hi], l1i = l[hi + 1];
            double p0r = p[lo], p0i = p[lo + 1], p1r = p[hi], p1i = p[hi + 1];
            sum += kind switch
            {
                // Z: conj(λ0)ψ0 − conj(λ1)ψ1.
                OperationKind.RZ => ((l0r * p0i) - (l0i * p0r)) - ((l1r * p1i) - (l1i * p1r)),

                // X: conj(λ0)ψ1 + conj(λ1)ψ0.
                OperationKind.RX => ((l0r * p1i) - (l0i * p1r)) + ((l1r * p0i) - (l1i * p0r)),

                // Y: conj(λ0)(−iψ1) + conj(λ1)(iψ0); Im(−i·z) = −Re z.
                _ => -((l0r * p1r) + (l0i * p1i)) + ((l1r * p0r) + (l1i * p0i)),
            };
        }

        return sum;
    }
}
