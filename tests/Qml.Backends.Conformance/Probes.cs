using System.Collections.Immutable;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance;

/// <summary>
/// Pauli observables that, together with the probabilities, pin a state up to global phase well
/// enough to catch wrong phases (X and Y on every qubit, mixed pairs on neighbours).
/// </summary>
public static class Probes
{
    public static ImmutableArray<Observable> For(int qubitCount)
    {
        var probes = ImmutableArray.CreateBuilder<Observable>();
        for (var q = 0; q < qubitCount; q++)
        {
            probes.Add(Observable.FromPauli(PauliString.X(q)));
            probes.Add(Observable.FromPauli(PauliString.Y(q)));
            probes.Add(Observable.FromPauli(PauliString.Z(q)));
        }

        for (var q = 0; q + 1 < qubitCount; q++)
        {
            probes.Add(Observable.FromPauli(PauliString.Create([(q, Pauli.X), (q + 1, Pauli.Y)])));
            probes.Add(Observable.FromPauli(PauliString.Create([(q, Pauli.Y), (q + 1, Pauli.Y)])));
            probes.Add(Observable.FromPauli(PauliString.Create([(q, Pauli.Z), (q + 1, Pauli.X)])));
        }

        return probes.ToImmutable();
    }

    public static int[] AllQubits(int qubitCount) => [.. Enumerable.Range(0, qubitCount)];
}
