using Qml.Abstractions.Circuits;

namespace Qml.Backends.Remote;

/// <summary>
/// Step 3: a run of one-qubit gates whose product is diagonal (or commutes with X) moves forward
/// past the two-qubit gates that are diagonal (or X-type) on its qubit, a CX control (or target),
/// and joins the next run there, which is written again with the fewest native gates: e.g.
/// RX(θ) before a CX's target merges with the gates after it.
/// </summary>
internal static partial class GateOptimizer
{
    private static List<Operation> MergeRunsThroughCommutingGates(List<Operation> operations, int qubits, OneQubitSynthesis synthesis, ref Angle phase)
    {
        var ops = operations.ToArray<Operation?>();
        var wires = Enumerable.Range(0, qubits).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < ops.Length; i++)
        {
            foreach (var q in ops[i]!.Qubits)
            {
                wires[q].Add(i);
            }
        }

        var (runs, _) = OneQubitRuns(ops, wires);
        var inserted = new List<Operation>?[ops.Length];
        var changed = new bool[runs.Count];
        var added = 0.0;
        var runAt = runs.Select((run, index) => (run, index)).ToDictionary(r => (Wire: r.run.Qubit, r.run.First), r => r.index);
        foreach (var (run, index) in runs.Select((run, index) => (run, index)))
        {
            if (changed[index] || run.Commutes is not (RunCommutes.Z or RunCommutes.X))
            {
                continue;
            }

            var wire = wires[run.Qubit];
            var w = run.Last + 1;
            for (; w < Math.Min(wire.Count, run.Last + 1 + MaxLookahead); w++)
            {
                if (ops[wire[w]] is not { } op || op.Qubits.Length < 2 || !GateCommutation.IsPlainGate(op))
                {
                    break;
                }

                var position = op.Qubits.IndexOf(run.Qubit);
                if (!(run.Commutes == RunCommutes.Z ? GateCommutation.IsZType(op, position) : GateCommutation.IsXType(op, position)))
                {
                    w = wire.Count;
                    break;
                }
            }

            // Only a run of numeric gates right after the commuting two-qubit gates can take it in.
            if (w == run.Last + 1 || w >= wire.Count || !runAt.TryGetValue((run.Qubit, w), out var next) || changed[next])
            {
                continue;
            }

            var target = runs[next];
            var gates = Enumerable.Range(run.First, run.Last - run.First + 1).Concat(Enumerable.Range(target.First, target.Last - target.First + 1)).Select(p => ops[wire[p]]!).ToList();
            var product = Matrix2.Identity;
            foreach (var gate in gates)
            {
                product = Matrix2.Of(gate).Times(product);
            }

            if (synthesis.Synthesize(product, run.Qubit) is not { } written || Cost(written.Gates).CompareTo(Cost(gates)) >= 0)
            {
                continue;
            }

            for (var p = run.First; p <= run.Last; p++)
            {
                ops[wire[p]] = null;
            }

            for (var p = target.First; p <= target.Last; p++)
            {
                ops[wire[p]] = null;
            }

            inserted[wire[target.First]] = written.Gates;
            added += written.Phase;
            changed[index] = changed[next] = true;
        }

        phase += added;
        var output = new List<Operation>(ops.Length);
        for (var i = 0; i < ops.Length; i++)
        {
            if (inserted[i] is { } gates)
            {
                output.AddRange(gates);
            }
            else if (ops[i] is { } op)
            {
                output.Add(op);
            }
        }

        return output;
    }
}
