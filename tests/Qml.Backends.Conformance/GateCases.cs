using Qml.Abstractions.Gates;

namespace Qml.Backends.Conformance;

/// <summary>Test-case sources: one case per (gate, register size), named after the gate.</summary>
public static class GateCases
{
    /// <summary>Largest register the per-gate tests use.</summary>
    public const int MaxQubits = 10;

    /// <summary>Ordered qubit tuples tried per case for 3-qubit gates on large registers.</summary>
    public const int SampledTuples = 24;

    public static IEnumerable<TestCaseData> NamedGateOnEveryPosition()
    {
        foreach (var definition in RandomCircuits.NamedGates)
        {
            for (var qubits = definition.QubitCount; qubits <= MaxQubits; qubits++)
            {
                yield return new TestCaseData(definition.Kind, qubits).SetArgDisplayNames(definition.Name, $"{qubits} qubits");
            }
        }
    }

    public static IEnumerable<TestCaseData> UnitaryWidths()
    {
        foreach (var width in new[] { 1, 2, 3 })
        {
            foreach (var qubits in new[] { width, 4, 7 }.Distinct())
            {
                yield return new TestCaseData(width, qubits).SetArgDisplayNames($"{width}q unitary", $"{qubits} qubits");
            }
        }
    }

    /// <summary>
    /// Every ordered tuple of <paramref name="width"/> distinct qubits of <paramref name="qubitCount"/>,
    /// or a fixed-seed sample of <see cref="SampledTuples"/> of them for 3-qubit gates when there are more.
    /// </summary>
    public static IReadOnlyList<int[]> Positions(int qubitCount, int width)
    {
        var all = new List<int[]>();
        Enumerate(qubitCount, width, [], all);
        if (width < 3 || all.Count <= SampledTuples)
        {
            return all;
        }

        var random = new Random(4242 + qubitCount);
        var shuffled = all.ToArray();
        random.Shuffle(shuffled);
        return shuffled[..SampledTuples];
    }

    private static void Enumerate(int qubitCount, int width, List<int> prefix, List<int[]> into)
    {
        if (prefix.Count == width)
        {
            into.Add([.. prefix]);
            return;
        }

        for (var q = 0; q < qubitCount; q++)
        {
            if (!prefix.Contains(q))
            {
                prefix.Add(q);
                Enumerate(qubitCount, width, prefix, into);
                prefix.RemoveAt(prefix.Count - 1);
            }
        }
    }
}
