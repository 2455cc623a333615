using System.Numerics;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance;

/// <summary>Expectations and probabilities, computed the long way.</summary>
public static partial class ReferenceSimulator
{
    /// <summary>
    /// P|ψ⟩ built explicitly, basis state by basis state: X|b⟩ = |1−b⟩, Y|0⟩ = i|1⟩,
    /// Y|1⟩ = −i|0⟩, Z|b⟩ = (−1)^b|b⟩ (written out here, independent of the gate matrices).
    /// </summary>
    public static Complex[] ApplyPauli(Complex[] state, PauliString pauli)
    {
        var result = new Complex[state.Length];
        for (var index = 0; index < state.Length; index++)
        {
            var image = index;
            var factor = Complex.One;
            foreach (var (qubit, letter) in pauli.Factors)
            {
                var bit = (index >> qubit) & 1;
                factor *= letter switch
                {
                    Pauli.X => Complex.One,
                    Pauli.Y => bit == 0 ? Complex.ImaginaryOne : -Complex.ImaginaryOne,
                    Pauli.Z => bit == 0 ? Complex.One : -Complex.One,
                    _ => Complex.One,
                };
                if (letter is Pauli.X or Pauli.Y)
                {
                    image ^= 1 << qubit;
                }
            }

            result[image] = factor * state[index];
        }

        return result;
    }

    /// <summary>⟨ψ|ψ'⟩ = Σ conj(ψ_i)·ψ'_i.</summary>
    public static Complex Inner(ReadOnlySpan<Complex> bra, ReadOnlySpan<Complex> ket)
    {
        var sum = Complex.Zero;
        for (var i = 0; i < bra.Length; i++)
        {
            sum += Complex.Conjugate(bra[i]) * ket[i];
        }

        return sum;
    }

    /// <summary>O|ψ⟩ for a Pauli sum.</summary>
    public static Complex[] ApplyObservable(Complex[] state, Observable observable)
    {
        var result = new Complex[state.Length];
        foreach (var term in observable.Terms)
        {
            var applied = ApplyPauli(state, term.Pauli);
            for (var i = 0; i < result.Length; i++)
            {
                result[i] += term.Coefficient * applied[i];
            }
        }

        return result;
    }

    /// <summary>⟨ψ|O|ψ⟩ (real for a Hermitian O; the imaginary part is dropped).</summary>
    public static double Expectation(Complex[] state, Observable observable) =>
        Inner(state, ApplyObservable(state, observable)).Real;

    /// <summary>
    /// Joint outcome probabilities of <paramref name="qubits"/>: bit j of the outcome index is
    /// the value of qubits[j].
    /// </summary>
    public static double[] Probabilities(ReadOnlySpan<Complex> state, ReadOnlySpan<int> qubits)
    {
        var probabilities = new double[1 << qubits.Length];
        for (var index = 0; index < state.Length; index++)
        {
            var outcome = 0;
            for (var j = 0; j < qubits.Length; j++)
            {
                outcome |= ((index >> qubits[j]) & 1) << j;
            }

            probabilities[outcome] += state[index].Real * state[index].Real + state[index].Imaginary * state[index].Imaginary;
        }

        return probabilities;
    }
}
