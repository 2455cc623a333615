namespace Qml.Models.Qkan.Daruan;

/// <summary>The DARUAN edge circuit families of the reference library (qkan's ansatz names).</summary>
public enum Ansatz
{
    /// <summary>"pz_encoding" (default): RZ(θ0) RY(θ1) RZ(z) per repetition, final RZ RY; two angles per step.</summary>
    Pz,

    /// <summary>"rpz_encoding": RY(θ) RZ(w·x+b) per repetition, final RY; the preact bias always trains.</summary>
    Rpz,

    /// <summary>"px_encoding": RZ(θ) RX(acos(w·x+b)) per repetition; needs trainable pre-activations.</summary>
    Px,

    /// <summary>"real": X, RY(θ), Z, RY(z) per repetition, no final step (the reference runs it in bfloat16; we run float64).</summary>
    Real,

    /// <summary>"mix": RZ(θ0) RX(θ1) RY(z) per repetition, final RZ RX.</summary>
    Mix,
}

/// <summary>Names and shape facts of each <see cref="Ansatz"/>.</summary>
public static class AnsatzInfo
{
    public static IReadOnlyList<string> Names { get; } = ["pz", "rpz", "px", "real", "mix"];

    /// <summary>Accepts our short names and the reference's ("pz_encoding", …).</summary>
    public static Ansatz Parse(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "pz" or "pz_encoding" => Ansatz.Pz,
            "rpz" or "rpz_encoding" => Ansatz.Rpz,
            "px" or "px_encoding" => Ansatz.Px,
            "real" => Ansatz.Real,
            "mix" => Ansatz.Mix,
            _ => throw new ArgumentException($"Unknown DARUAN ansatz '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    public static string Name(Ansatz ansatz) => Names[(int)ansatz];

    /// <summary>The reference's name, as stored in checkpoint metadata.</summary>
    public static string ReferenceName(Ansatz ansatz) => ansatz switch
    {
        Ansatz.Pz => "pz_encoding",
        Ansatz.Rpz => "rpz_encoding",
        Ansatz.Px => "px_encoding",
        _ => Name(ansatz),
    };

    /// <summary>K: trainable angles per repetition.</summary>
    public static int AnglesPerStep(Ansatz ansatz) => ansatz is Ansatz.Pz or Ansatz.Mix ? 2 : 1;

    /// <summary>The theta steps: r + 1 (with the final layer), except "real" which has none.</summary>
    public static int ThetaSteps(Ansatz ansatz, int reps) => ansatz == Ansatz.Real ? reps : reps + 1;
}
