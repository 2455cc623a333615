using System.Numerics;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Outputs;

/// <summary>Exact ⟨ψ|P|ψ⟩ and P|ψ⟩ accumulation for Pauli strings, reading the state in place.</summary>
internal static unsafe class PauliExpectation
{
    /// <summary>⟨ψ|Σ c·P|ψ⟩ over <paramref name="masks"/> (real, since the sum is Hermitian).</summary>
    public static double Expectation(StateBuffer state, ReadOnlySpan<PauliMask> masks, int threads)
    {
        var total = 0.0;
        foreach (var mask in masks)
        {
            total += mask.Coefficient * AmplitudeChunks.Sum(state.Length, threads, (begin, end) => Partial(state.Pointer, begin, end, mask));
        }

        return total;
    }

    /// <summary>target += weight · Σ c·P|source⟩, for the adjoint method's λ = Σ_o upstream_o · O_o|ψ⟩.</summary>
    public static void Accumulate(StateBuffer source, StateBuffer target, ReadOnlySpan<PauliMask> masks, double weight, int threads)
    {
        foreach (var mask in masks)
        {
            var factor = mask.Phase * (weight * mask.Coefficient);

            // i ↦ i ⊕ flip is a bijection, so chunks of i write disjoint targets.
            AmplitudeChunks.For(source.Length, threads, (begin, end) =>
            {
                var s = source.Pointer;
                var t = target.Pointer;
                for (var i = begin; i < end; i++)
                {
                    var term = factor * s[i];
                    t[i ^ mask.FlipMask] += Parity(i & mask.SignMask) ? -term : term;
                }
            });
        }
    }

    /// <summary>Σ over [begin, end) of conj(ψ[i ⊕ X])·(±1)·ψ[i], times i^{#Y}; real part.</summary>
    private static double Partial(Complex* state, nuint begin, nuint end, PauliMask mask)
    {
        if (mask.FlipMask == 0)
        {
            // Diagonal string: Σ ±|ψ_i|², no complex products needed.
            var sum = 0.0;
            for (var i = begin; i < end; i++)
            {
                var a = state[i];
                var p = (a.Real * a.Real) + (a.Imaginary * a.Imaginary);
                sum += Parity(i & mask.SignMask) ? -p : p;
            }

            return sum;
        }

        var accumulated = Complex.Zero;
        for (var i = begin; i < end; i++)
        {
            var product = Complex.Conjugate(state[i ^ mask.FlipMask]) * state[i];
            accumulated += Parity(i & mask.SignMask) ? -product : product;
        }

        return (mask.Phase * accumulated).Real;
    }

    private static bool Parity(nuint bits) => (BitOperations.PopCount(bits) & 1) == 1;
}
