using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Qml.Models.Qkan.Daruan;
using V = System.Runtime.Intrinsics.Vector512<double>;

namespace Qml.Models.Qkan.Solvers;

/// <summary>
/// Eight single-qubit states (a0, a1) side by side, as real and imaginary lanes. Rotations take
/// c = cos(p/2) and s = sin(p/2) (pass −s for the inverse), so one kernel serves gate and adjoint.
/// </summary>
internal struct QubitState(V ar, V ai, V br, V bi)
{
    public V Ar = ar;
    public V Ai = ai;
    public V Br = br;
    public V Bi = bi;

    /// <summary>H|0⟩ = (1, 1)/√2, where every DARUAN circuit starts.</summary>
    public static QubitState Plus
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var h = Vector512.Create(Math.Sqrt(0.5));
            return new QubitState(h, V.Zero, h, V.Zero);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Rotate(GateKind kind, V c, V s)
    {
        V ar = Ar, ai = Ai, br = Br, bi = Bi;
        switch (kind)
        {
            case GateKind.RZ:
                // diag(e^{−ip/2}, e^{+ip/2})
                Ar = (ar * c) + (ai * s);
                Ai = (ai * c) - (ar * s);
                Br = (br * c) - (bi * s);
                Bi = (bi * c) + (br * s);
                break;
            case GateKind.RY:
                // [[c, −s], [s, c]]
                Ar = (c * ar) - (s * br);
                Ai = (c * ai) - (s * bi);
                Br = (s * ar) + (c * br);
                Bi = (s * ai) + (c * bi);
                break;
            default:
                // RX: [[c, −is], [−is, c]]
                Ar = (c * ar) + (s * bi);
                Ai = (c * ai) - (s * br);
                Br = (c * br) + (s * ai);
                Bi = (c * bi) - (s * ar);
                break;
        }
    }

    /// <summary>X swaps the amplitudes, Z negates a1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ApplyFixed(GateKind kind)
    {
        if (kind == GateKind.X)
        {
            (Ar, Br) = (Br, Ar);
            (Ai, Bi) = (Bi, Ai);
        }
        else
        {
            Br = -Br;
            Bi = -Bi;
        }
    }

    /// <summary>
    /// dL/dp of a rotation exp(−ipσ/2) from the state ψ and cotangent λ just after it:
    /// dψ/dp = −(i/2)σψ, so dL/dp = 2·Re⟨λ|−(i/2)σψ⟩ = Im⟨λ|σ|ψ⟩.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V GeneratorGradient(GateKind kind, in QubitState psi, in QubitState lambda) => kind switch
    {
        GateKind.RZ => ((lambda.Ar * psi.Ai) - (lambda.Ai * psi.Ar)) - ((lambda.Br * psi.Bi) - (lambda.Bi * psi.Br)),
        GateKind.RY => ((lambda.Br * psi.Ar) + (lambda.Bi * psi.Ai)) - ((lambda.Ar * psi.Br) + (lambda.Ai * psi.Bi)),
        _ => ((lambda.Ar * psi.Bi) - (lambda.Ai * psi.Br)) + ((lambda.Br * psi.Ai) - (lambda.Bi * psi.Ar)),
    };
}
