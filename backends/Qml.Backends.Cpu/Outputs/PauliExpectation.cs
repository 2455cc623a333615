using System.Numerics;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Outputs;

/// <summary>Exact ⟨ψ|P|ψ⟩ and P|ψ⟩ accumulation for Pauli strings, reading the state in place.</summary>
internal static unsafe class PauliExpectation
{
    /// <summary>⟨ψ|Σ c·P|ψ⟩ over <paramref name="masks"/> (real, since the sum is Hermitian).</summary>
    public static double Expectation(StateBuffer state, ReadOnlySpan<PauliMask> masks)
    {
        var total = 0.0;
        foreach (var mask in masks)
        {
            total += mask.Coefficient * Single(state.Pointer, state.Length, mask);
        }

        return total;
    }

    /// <summary>target += weight · Σ c·P|source⟩, for the adjoint method's λ = Σ_o upstream_o · O_o|ψ⟩.</summary>
    public static void Accumulate(StateBuffer source, StateBuffer target, ReadOnlySpan<PauliMask> masks, double weight)
    {
        var s = source.Pointer;
        var t = target.Pointer;
        var length = source.Length;
        foreach (var mask in masks)
        {
            var factor = mask.Phase * (weight * mask.Coefficient);
            for (nuint i = 0; i < length; i++)
            {
                var term = factor * s[i];
                t[i ^ mask.FlipMask] += Parity(i & mask.SignMask) ? -term : term;
            }
        }
    }

    private static double Single(Complex* state, nuint length, PauliMask mask)
    {
        if (mask.FlipMask == 0)
        {
            // Diagonal string: Σ ±|ψ_i|², no complex products needed.
            var sum = 0.0;
            for (nuint i = 0; i < length; i++)
            {
                var a = state[i];
                var p = (a.Real * a.Real) + (a.Imaginary * a.Imaginary);
                sum += Parity(i & mask.SignMask) ? -p : p;
            }

            return sum;
        }

        var accumulated = Complex.Zero;
        for (nuint i = 0; i < length; i++)
        {
            var product = Complex.Conjugate(state[i ^ mask.FlipMask]) * state[i];
            accumulated += Parity(i & mask.SignMask) ? -product : product;
        }

        return (mask.Phase * accumulated).Real;
    }

    private static bool Parity(nuint bits) => (BitOperations.PopCount(bits) & 1) == 1;
}
