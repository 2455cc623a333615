namespace Qml.Abstractions.Circuits;

/// <summary>What a symbol stands for: a data feature bound per sample, or a trainable weight.</summary>
public enum SymbolRole
{
    /// <summary>A data feature: each row of a binding table carries the sample's value.</summary>
    Input,

    /// <summary>A trainable weight: usually the same value in every row of a batch.</summary>
    Weight,
}

/// <summary>
/// A named free parameter of a circuit. Its position in <see cref="Circuit.Symbols"/> is its
/// column in every <see cref="Execution.BindingTable"/> bound to the circuit.
/// </summary>
public sealed record Symbol(string Name, SymbolRole Role)
{
    /// <summary>The symbol's name.</summary>
    public override string ToString() => Name;
}
