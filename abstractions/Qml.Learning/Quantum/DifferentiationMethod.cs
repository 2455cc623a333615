namespace Qml.Learning.Quantum;

/// <summary>How a quantum layer differentiates its circuit (<c>--diff</c>).</summary>
public enum DifferentiationMethod
{
    /// <summary>Adjoint when the backend offers it, else parameter shifts.</summary>
    Auto,

    /// <summary>The backend's own vector-Jacobian product (adjoint on statevectors).</summary>
    Adjoint,

    /// <summary>Exact shift rules through the backend's ordinary entry point: works on every backend, hardware included.</summary>
    ParameterShift,

    /// <summary>Central differences of each symbol: a cross-check, or for gates without a shift rule.</summary>
    FiniteDifference,
}

/// <summary>The spellings users type after <c>--diff</c>.</summary>
public static class DifferentiationMethodNames
{
    /// <summary>The canonical spellings, indexed by <see cref="DifferentiationMethod"/> value.</summary>
    public static IReadOnlyList<string> All { get; } = ["auto", "adjoint", "parameter-shift", "finite-diff"];

    /// <summary>Parses a spelling (case-insensitive); <c>ps</c> and <c>fd</c> are accepted as short forms.</summary>
    /// <exception cref="Abstractions.QmlException">An unknown spelling; the message lists the valid ones.</exception>
    public static DifferentiationMethod Parse(string text) => text.ToLowerInvariant() switch
    {
        "auto" => DifferentiationMethod.Auto,
        "adjoint" => DifferentiationMethod.Adjoint,
        "parameter-shift" or "ps" => DifferentiationMethod.ParameterShift,
        "finite-diff" or "fd" => DifferentiationMethod.FiniteDifference,
        _ => throw new Abstractions.QmlException($"unknown differentiation method '{text}'; valid: {string.Join(", ", All)}."),
    };

    /// <summary>The canonical spelling of <paramref name="method"/>, as <see cref="Parse"/> reads it.</summary>
    public static string Name(DifferentiationMethod method) => All[(int)method];
}
