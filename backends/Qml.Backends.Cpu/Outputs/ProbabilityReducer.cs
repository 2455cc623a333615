using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Outputs;

/// <summary>Marginal outcome probabilities over chosen qubits: outcome bit j is qubits[j].</summary>
internal static unsafe class ProbabilityReducer
{
    public static void Marginal(StateBuffer state, ReadOnlySpan<int> qubits, Span<double> destination)
    {
        destination.Clear();
        var amplitudes = state.Pointer;
        var length = state.Length;
        var identity = qubits.Length == state.QubitCount;
        for (var j = 0; j < qubits.Length && identity; j++)
        {
            identity = qubits[j] == j;
        }

        for (nuint i = 0; i < length; i++)
        {
            var a = amplitudes[i];
            var p = (a.Real * a.Real) + (a.Imaginary * a.Imaginary);
            var outcome = identity ? (int)i : Gather(i, qubits);
            destination[outcome] += p;
        }
    }

    /// <summary>Collects bit qubits[j] of <paramref name="index"/> into bit j of the result.</summary>
    public static int Gather(nuint index, ReadOnlySpan<int> qubits)
    {
        var outcome = 0;
        for (var j = 0; j < qubits.Length; j++)
        {
            outcome |= (int)((index >> qubits[j]) & 1) << j;
        }

        return outcome;
    }
}
