using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Mps;

/// <summary>What the MPS backend declares, as data for the shared validator.</summary>
internal static class MpsCapabilities
{
    /// <summary>Largest register: memory grows as qubits × bond², so the bond, not the qubit count, is the real limit.</summary>
    public const int MaxQubits = 1024;

    /// <summary>Widest unitary applied natively: its sites are swapped together and contracted into one tensor of 2^k physical states.</summary>
    public const int MaxUnitaryQubits = 4;

    /// <summary>Largest register whose dense state vector is returned (2^22 amplitudes = 64 MiB per row).</summary>
    public const int MaxStateQubits = 22;

    public static Capabilities Create() => new()
    {
        MaxQubits = MaxQubits,
        Precision = Precision.Double,

        // Without truncation an MPS is exact; truncation is explicit (max-bond, cutoff) and
        // reported per request in the diagnostics, as ITensor and qsim do.
        ExactExpectations = true,
        Probabilities = true,
        Sampling = true,
        StateAccess = true,
        MidCircuitMeasurement = false,

        // Adjoint: one forward and one backward sweep over ψ and λ = O|ψ⟩ (MpsBackend.VectorJacobianAsync).
        // Exact when no SVD truncates; under max-bond/cutoff truncation it is the gradient of the
        // truncated sweeps, an approximation reported in the diagnostics.
        GradientMethods = GradientMethods.Adjoint | GradientMethods.ParameterShift | GradientMethods.FiniteDifference,
        NativeGates = NativeGates,
    };

    /// <summary>Every named gate (3-qubit ones are contracted over three sites), unitaries up to <see cref="MaxUnitaryQubits"/> and terminal measurements.</summary>
    private static GateSet NativeGates { get; } = new(
        Enum.GetValues<OperationKind>().Where(k => k is not OperationKind.Reset),
        MaxUnitaryQubits);
}
