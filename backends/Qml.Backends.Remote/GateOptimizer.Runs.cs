using Qml.Abstractions.Circuits;

namespace Qml.Backends.Remote;

/// <summary>Step 1: each maximal run of numeric one-qubit gates written again with the fewest native gates.</summary>
internal static partial class GateOptimizer
{
    private static List<Operation> MergeOneQubitRuns(List<Operation> operations, int qubits, OneQubitSynthesis synthesis, ref Angle phase)
    {
        var replacement = new List<Operation>?[operations.Count];
        var runs = Enumerable.Range(0, qubits).Select(_ => new List<int>()).ToArray();
        var added = 0.0;
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            if (op.Qubits.Length == 1 && GateCommutation.IsPlainGate(op))
            {
                runs[op.Qubits[0]].Add(i);
                continue;
            }

            foreach (var q in op.Qubits)
            {
                Flush(runs[q]);
            }
        }

        foreach (var run in runs)
        {
            Flush(run);
        }

        phase += added;
        var output = new List<Operation>(operations.Count);
        for (var i = 0; i < operations.Count; i++)
        {
            output.AddRange(replacement[i] ?? [operations[i]]);
        }

        return output;

        void Flush(List<int> run)
        {
            // Symbolic gates split the run: only numbers can be multiplied out.
            var start = 0;
            for (var k = 0; k <= run.Count; k++)
            {
                if (k == run.Count || operations[run[k]].IsSymbolic)
                {
                    Resynthesize(run[start..k]);
                    start = k + 1;
                }
            }

            run.Clear();
        }

        void Resynthesize(List<int> segment)
        {
            if (segment.Count == 0)
            {
                return;
            }

            var gates = segment.Select(i => operations[i]).ToList();
            var product = Matrix2.Identity;
            foreach (var gate in gates)
            {
                product = Matrix2.Of(gate).Times(product);
            }

            if (synthesis.Synthesize(product, gates[0].Qubits[0]) is not { } written || Cost(written.Gates).CompareTo(Cost(gates)) >= 0)
            {
                return;
            }

            foreach (var i in segment)
            {
                replacement[i] = [];
            }

            // Nothing else touches the qubit between the run's gates: the new gates may stand where the last one stood.
            replacement[segment[^1]] = written.Gates;
            added += written.Phase;
        }
    }
}
