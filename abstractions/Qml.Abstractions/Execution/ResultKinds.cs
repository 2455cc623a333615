namespace Qml.Abstractions.Execution;

/// <summary>What a request asks a backend to return.</summary>
[Flags]
public enum ResultKinds
{
    /// <summary>No output; combine the other flags with <c>|</c>.</summary>
    None = 0,

    /// <summary>⟨O⟩ for each requested observable: B×O.</summary>
    Expectations = 1,

    /// <summary>Outcome probabilities of the measured qubits: B×2^k.</summary>
    Probabilities = 2,

    /// <summary>Seeded measurement outcomes: B×shots.</summary>
    Samples = 4,

    /// <summary>The final state vector: B×2^n (state-access backends only).</summary>
    State = 8,
}
