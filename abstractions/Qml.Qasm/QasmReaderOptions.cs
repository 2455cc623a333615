using Qml.Abstractions.Circuits;

namespace Qml.Qasm;

/// <summary>
/// Limits that keep hostile input from exhausting the host: every one is checked while reading,
/// before the work it bounds is done, and exceeding one is a <see cref="QasmException"/>.
/// </summary>
public sealed record QasmReaderOptions
{
    /// <summary>The default limits (the values the properties below start with).</summary>
    public static QasmReaderOptions Default { get; } = new();

    /// <summary>Largest source file (and each included file) in characters.</summary>
    public int MaxFileSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>Most qubits over all registers.</summary>
    public int MaxQubits { get; init; } = Circuit.MaxQubits;

    /// <summary>Most classical bits over all registers.</summary>
    public int MaxClassicalBits { get; init; } = 1 << 16;

    /// <summary>Most operations after expanding gates and broadcasts: bounds memory, since a
    /// gate defined in terms of two calls of the previous one doubles at every level.</summary>
    public int MaxOperations { get; init; } = 4_000_000;

    /// <summary>Deepest nesting of gate definitions during expansion.</summary>
    public int MaxGateDepth { get; init; } = 64;

    /// <summary>Deepest nesting of parentheses and unary operators in one expression.</summary>
    public int MaxExpressionDepth { get; init; } = 128;

    /// <summary>Deepest chain of include files.</summary>
    public int MaxIncludeDepth { get; init; } = 16;

    /// <summary>Largest integer exponent of <c>pow(k) @</c>.</summary>
    public int MaxPowerExponent { get; init; } = 1 << 16;
}
