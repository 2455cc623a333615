using System.Collections.Immutable;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Observables;

namespace Qml.Abstractions.Execution;

/// <summary>
/// One batched call to a backend: a circuit, a B×P table binding its symbols, and what to
/// return for each of the B rows. Expectations, probabilities and states describe the state
/// before the circuit's terminal measurements; measurements shape only the samples.
/// </summary>
public sealed record ExecutionRequest
{
    private readonly BindingTable? _bindings;

    /// <summary>The circuit to run; its symbols are bound by the columns of <see cref="Bindings"/>.</summary>
    public required Circuit Circuit { get; init; }

    /// <summary>Symbol values, one row per sample; defaults to a single empty row.</summary>
    public BindingTable Bindings
    {
        get => _bindings ?? BindingTable.Empty();
        init => _bindings = value;
    }

    /// <summary>Observables whose expectation values are returned (with <see cref="ResultKinds.Expectations"/>).</summary>
    public ImmutableArray<Observable> Observables { get; init; } = [];

    /// <summary>What to return for every row; <see cref="ResultKinds.Expectations"/> by default.</summary>
    public ResultKinds Outputs { get; init; } = ResultKinds.Expectations;

    /// <summary>Shots per row for <see cref="ResultKinds.Samples"/>; 0 when no samples are asked for.</summary>
    public int Shots { get; init; }

    /// <summary>
    /// Seed of the sampler. Row r draws from its own stream derived from (Seed, r), so a row's
    /// samples on one backend depend only on the seed, the row and its bindings: not on the batch
    /// size or the thread count.
    /// </summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Qubits whose joint outcome distribution <see cref="ResultKinds.Probabilities"/> returns, the
    /// first as bit 0 of the outcome index; empty means every qubit in order.
    /// </summary>
    public ImmutableArray<int> ProbabilityQubits { get; init; } = [];

    /// <summary>Number of rows B.</summary>
    public int Rows => Bindings.Rows;

    /// <summary>The qubits <see cref="ResultKinds.Probabilities"/> covers, resolved.</summary>
    public ImmutableArray<int> ResolvedProbabilityQubits =>
        ProbabilityQubits.IsDefaultOrEmpty ? [.. Enumerable.Range(0, Circuit.QubitCount)] : ProbabilityQubits;
}
