namespace Qml.Abstractions.Execution;

/// <summary>The result of a vector-Jacobian product.</summary>
/// <param name="Expectations">B×O expectation values of the forward pass (computed on the way).</param>
/// <param name="SymbolGradients">B×P: row b holds Σ_o upstream[b,o] · ∂⟨O_o⟩_b/∂symbol_p.</param>
/// <param name="Diagnostics">How the backend ran it.</param>
public sealed record GradientResult(
    ResultMatrix<double> Expectations,
    ResultMatrix<double> SymbolGradients,
    ExecutionDiagnostics Diagnostics);
