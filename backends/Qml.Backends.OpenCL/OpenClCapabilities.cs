using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.OpenCL;

/// <summary>What the OpenCL backend declares, as data for the shared validator.</summary>
internal static class OpenClCapabilities
{
    /// <summary>
    /// Gates with a kernel here: the 1-qubit gates (general and diagonal kernels), the controlled
    /// 1-qubit gates, the 2-qubit gates (diagonal, dense, SWAP) and unitaries (1 and 2 qubits in
    /// place; wider ones out of place, since the shared decomposer has no rule for a general
    /// k-qubit unitary). CCX and CSWAP go through the decomposer; measure is terminal only.
    /// </summary>
    public static GateSet NativeGates { get; } = new(
        [
            OperationKind.I, OperationKind.X, OperationKind.Y, OperationKind.Z, OperationKind.H,
            OperationKind.S, OperationKind.Sdg, OperationKind.T, OperationKind.Tdg, OperationKind.SX, OperationKind.SXdg,
            OperationKind.RX, OperationKind.RY, OperationKind.RZ, OperationKind.P, OperationKind.U,
            OperationKind.CX, OperationKind.CY, OperationKind.CZ, OperationKind.CH,
            OperationKind.CRX, OperationKind.CRY, OperationKind.CRZ, OperationKind.CP,
            OperationKind.Swap, OperationKind.ISwap, OperationKind.RXX, OperationKind.RYY, OperationKind.RZZ,
            OperationKind.Unitary, OperationKind.Measure,
        ],
        maxUnitaryQubits: UnitaryMatrix.MaxQubits);

    public static Capabilities Create(int maxQubits, Precision precision) => new()
    {
        MaxQubits = maxQubits,
        Precision = precision,
        ExactExpectations = true,
        Probabilities = true,
        Sampling = true,
        StateAccess = true,

        // Per-shot trajectories would need a collapse and a renormalisation per shot on the
        // device; the validator refuses such circuits with a clear message instead.
        MidCircuitMeasurement = false,
        GradientMethods = GradientMethods.Adjoint | GradientMethods.ParameterShift | GradientMethods.FiniteDifference,
        NativeGates = NativeGates,
    };
}
