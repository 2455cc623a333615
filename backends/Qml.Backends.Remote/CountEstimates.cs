using System.Collections.Immutable;
using Qml.Abstractions.Execution;

namespace Qml.Backends.Remote;

/// <summary>Probabilities estimated from shots of every qubit (bit i = qubit i).</summary>
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
}
