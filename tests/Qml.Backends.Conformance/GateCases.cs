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

    /// <summary>
    /// Register size of the large-register gate tests: past the size where statevector backends
    /// usually switch to multithreaded or blocked kernels (14 qubits on the CPU backend).
    /// </summary>
    public const int LargeQubits = 15;

    public static IEnumerable<TestCaseData> NamedGateOnALargeRegister() =>
        RandomCircuits.NamedGates.Select(d => new TestCaseData(d.Kind).SetArgDisplayNames(d.Name));

    /// <summary>
    /// A few ordered tuples on a large register: the lowest and highest qubits (inside and across
    /// SIMD vectors and thread chunks), in both orders, and one from the middle.
    /// </summary>
    public static IReadOnlyList<int[]> ExtremePositions(int qubitCount, int width)
    {
        var high = qubitCount - 1;
        int[][] candidates = width switch
        {
            1 => [[0], [1], [2], [qubitCount / 2], [high - 1], [high]],
            2 => [[0, 1], [1, 0], [0, high], [high, 0], [high - 1, high], [2, qubitCount / 2]],
            _ => [[0, 1, 2], [2, 1, 0], [0, high, 1], [high, high - 1, 0], [high - 2, high, high - 1], [1, qubitCount / 2, high]],
        };
        return candidates;
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
