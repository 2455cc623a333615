using System.Numerics;

namespace Qml.Abstractions.Execution;

/// <summary>The B rows of whatever the request asked for; outputs not asked for are null.</summary>
public sealed record ExecutionResult
{
    /// <summary>B×O expectation values, in the request's observable order.</summary>
    public ResultMatrix<double>? Expectations { get; init; }

    /// <summary>B×2^k outcome probabilities of the request's probability qubits.</summary>
    public ResultMatrix<double>? Probabilities { get; init; }

    /// <summary>
    /// B×shots outcomes: of the circuit's classical bits (BitCount = ClassicalBitCount) when it
    /// measures, else of every qubit (bit i = qubit i, BitCount = QubitCount).
    /// </summary>
    public SampleTable? Samples { get; init; }

    /// <summary>B×2^n final states (amplitude index bit i is qubit i).</summary>
    public ResultMatrix<Complex>? States { get; init; }

    /// <summary>How the request was run (for logs and benchmarks); never affects the results.</summary>
    public required ExecutionDiagnostics Diagnostics { get; init; }
}
