using System.Collections.Immutable;
using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Remote;

/// <summary>
/// Which measurement bases a request needs and which basis answers each Pauli term. Terms are
/// grouped greedily into qubit-wise commuting sets (on every qubit they share, they ask for the
/// same Pauli), so each set is read from one circuit: the circuit rotated so that X (H) or Y
/// (S†, then H) becomes Z on each qubit, then every qubit measured. Basis 0 is Z on every qubit
/// and holds every diagonal term and the probabilities.
/// </summary>
internal sealed class MeasurementPlan
{
    private readonly int[][] _termBasis;

    private MeasurementPlan(ImmutableArray<Observable> observables, IReadOnlyList<Pauli[]> bases, int[][] termBasis)
    {
        Observables = observables;
        Bases = bases;
        _termBasis = termBasis;
    }

    public ImmutableArray<Observable> Observables { get; }

    /// <summary>Per basis, the Pauli read on each qubit (I: unconstrained, read as Z). Basis 0 is all Z.</summary>
    public IReadOnlyList<Pauli[]> Bases { get; }

    public static MeasurementPlan Create(ImmutableArray<Observable> observables, int qubits)
    {
        var bases = new List<Pauli[]> { Enumerable.Repeat(Pauli.Z, qubits).ToArray() };
        var termBasis = new int[observables.Length][];
        for (var o = 0; o < observables.Length; o++)
        {
            var terms = observables[o].Terms;
            termBasis[o] = new int[terms.Length];
            for (var t = 0; t < terms.Length; t++)
            {
                termBasis[o][t] = Place(terms[t].Pauli, bases, qubits);
            }
        }

        return new MeasurementPlan(observables, bases, termBasis);
    }

    /// <summary><paramref name="unmeasured"/> followed by the rotations of basis <paramref name="basis"/>.</summary>
    public Circuit Rotated(Circuit unmeasured, int basis)
    {
        var rotations = new List<Operation>();
        var paulis = Bases[basis];
        for (var q = 0; q < paulis.Length; q++)
        {
            switch (paulis[q])
            {
                case Pauli.X:
                    rotations.Add(Operation.Gate(OperationKind.H, [q]));
                    break;
                case Pauli.Y:
                    rotations.Add(Operation.Gate(OperationKind.Sdg, [q]));
                    rotations.Add(Operation.Gate(OperationKind.H, [q]));
                    break;
            }
        }

        return rotations.Count == 0 ? unmeasured : unmeasured.WithOperations([.. unmeasured.Operations, .. rotations]);
    }

    /// <summary>⟨O⟩ per row: Σ c·mean((-1)^parity) of each term over the shots of its basis (bit i = qubit i).</summary>
    public ResultMatrix<double> Expectations(IReadOnlyList<SampleTable?> basisSamples, int rows)
    {
        var result = new ResultMatrix<double>(rows, Observables.Length);
        for (var row = 0; row < rows; row++)
        {
            for (var o = 0; o < Observables.Length; o++)
            {
                var total = 0.0;
                var terms = Observables[o].Terms;
                for (var t = 0; t < terms.Length; t++)
                {
                    total += terms[t].Coefficient * (terms[t].Pauli.IsIdentity ? 1.0 : ParityMean(basisSamples[_termBasis[o][t]]!, row, terms[t].Pauli));
                }

                result[row, o] = total;
            }
        }

        return result;
    }

    /// <summary>True when a non-identity term is read in basis <paramref name="basis"/> (basis 0 may serve only probabilities).</summary>
    public bool Reads(int basis)
    {
        for (var o = 0; o < Observables.Length; o++)
        {
            for (var t = 0; t < _termBasis[o].Length; t++)
            {
                if (_termBasis[o][t] == basis && !Observables[o].Terms[t].Pauli.IsIdentity)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The basis term <paramref name="o"/>, <paramref name="t"/> is read from (tests check the grouping).</summary>
    internal int BasisOf(int o, int t) => _termBasis[o][t];

    private static int Place(PauliString pauli, List<Pauli[]> bases, int qubits)
    {
        if (pauli.IsDiagonal)
        {
            return 0;
        }

        for (var b = 1; b < bases.Count; b++)
        {
            if (pauli.Factors.All(f => bases[b][f.Qubit] == Pauli.I || bases[b][f.Qubit] == f.Pauli))
            {
                foreach (var (qubit, p) in pauli.Factors)
                {
                    bases[b][qubit] = p;
                }

                return b;
            }
        }

        var fresh = new Pauli[qubits];
        foreach (var (qubit, p) in pauli.Factors)
        {
            fresh[qubit] = p;
        }

        bases.Add(fresh);
        return bases.Count - 1;
    }

    private static double ParityMean(SampleTable samples, int row, PauliString pauli)
    {
        var masks = new ulong[samples.WordsPerShot];
        foreach (var (qubit, _) in pauli.Factors)
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

        return (double)sum / samples.Shots;
    }
}
