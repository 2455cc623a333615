using System.Numerics;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Cpu.Outputs;

/// <summary>
/// A weighted Pauli string as bit masks: P|i⟩ = i^{#Y} · (−1)^{popcount(i ∧ Z)} · |i ⊕ X⟩, where X
/// marks X/Y factors and Z marks Z/Y factors (Y = i·X·Z). Lets expectations read the state in place.
/// </summary>
internal readonly record struct PauliMask(nuint FlipMask, nuint SignMask, Complex Phase, double Coefficient)
{
    public static PauliMask From(PauliTerm term)
    {
        nuint flip = 0, sign = 0;
        var yCount = 0;
        foreach (var (qubit, pauli) in term.Pauli.Factors)
        {
            var bit = (nuint)1 << qubit;
            if (pauli is Pauli.X or Pauli.Y)
            {
                flip |= bit;
            }

            if (pauli is Pauli.Z or Pauli.Y)
            {
                sign |= bit;
            }

            if (pauli == Pauli.Y)
            {
                yCount++;
            }
        }

        Complex phase = (yCount & 3) switch
        {
            0 => Complex.One,
            1 => Complex.ImaginaryOne,
            2 => -Complex.One,
            _ => -Complex.ImaginaryOne,
        };
        return new PauliMask(flip, sign, phase, term.Coefficient);
    }

    /// <summary>The masks of every term of every observable, flattened, with each observable's term range.</summary>
    public static (PauliMask[] Masks, int[] Starts) Compile(IReadOnlyList<Observable> observables)
    {
        var masks = new List<PauliMask>();
        var starts = new int[observables.Count + 1];
        for (var o = 0; o < observables.Count; o++)
        {
            starts[o] = masks.Count;
            foreach (var term in observables[o].Terms)
            {
                masks.Add(From(term));
            }
        }

        starts[observables.Count] = masks.Count;
        return ([.. masks], starts);
    }
}
