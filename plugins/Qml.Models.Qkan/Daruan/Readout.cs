namespace Qml.Models.Qkan.Daruan;

/// <summary>How a DARUAN edge turns its final single-qubit state (a0, a1) into a number.</summary>
public enum Readout
{
    /// <summary>The reference default (fast_measure=True): |a0| − |a1|, "quantum-inspired", not an expectation.</summary>
    Fast,

    /// <summary>The true expectation ⟨Z⟩ = |a0|² − |a1|² (fast_measure=False).</summary>
    PauliZ,
}

public static class ReadoutInfo
{
    public static IReadOnlyList<string> Names { get; } = ["fast", "z"];

    public static Readout Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "fast" => Readout.Fast,
        "z" or "pauli-z" or "exact" => Readout.PauliZ,
        _ => throw new ArgumentException($"Unknown readout '{name}'; expected fast (|a0|−|a1|) or z (⟨Z⟩).", nameof(name)),
    };

    public static string Name(Readout readout) => Names[(int)readout];
}
