using System.Collections.Immutable;
using System.Numerics;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Remote;

/// <summary>Probabilities and Z-basis expectations estimated from shots of every qubit (bit i = qubit i).</summary>
internal static class CountEstimates
{
    public static ResultMatrix<double> Probabilities(SampleTable samples, ImmutableArray<int> qubits)
    {
        var result = new ResultMatrix<double>(samples.Rows, 1 << qubits.Length);
        var weight = 1.0 / samples.Shots;
        for (var row = 0; row < samples.Rows; row++)
        {
            var target = result.Row(row);
            for (var shot = 0; shot < samples.Shots; shot++)
            {
                var words = samples.Shot(row, shot);
                var index = 0;
                for (var j = 0; j < qubits.Length; j++)
                {
                    index |= (int)((words[qubits[j] >> 6] >> (qubits[j] & 63)) & 1UL) << j;
                }

                target[index] += weight;
            }
        }

        return result;
    }

    /// <summary>⟨O⟩ = Σ c·mean((-1)^parity) over terms; every term must be diagonal (Z and I only).</summary>
    public static ResultMatrix<double> Expectations(SampleTable samples, ImmutableArray<Observable> observables)
    {
        var result = new ResultMatrix<double>(samples.Rows, observables.Length);
        for (var row = 0; row < samples.Rows; row++)
        {
            for (var o = 0; o < observables.Length; o++)
            {
                var total = 0.0;
                foreach (var term in observables[o].Terms)
                {
                    var masks = new ulong[samples.WordsPerShot];
                    foreach (var (qubit, _) in term.Pauli.Factors)
                    {
                        masks[qubit >> 6] |= 1UL << (qubit & 63);
                    }

                    long sum = 0;
                    for (var shot = 0; shot < samples.Shots; shot++)
                    {
                        var words = samples.Shot(row, shot);
                        var parity = 0;
                        for (var w = 0; w < masks.Length; w++)
                        {
                            parity ^= BitOperations.PopCount(words[w] & masks[w]) & 1;
                        }

                        sum += parity == 0 ? 1 : -1;
                    }

                    total += term.Coefficient * sum / samples.Shots;
                }

                result[row, o] = total;
            }
        }

        return result;
    }
}
