using Qml.Abstractions.Execution;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu;

/// <summary>What the CPU statevector backend declares, as data for the shared validator.</summary>
internal static class CpuCapabilities
{
    public static Capabilities Create() => new()
    {
        // One state vector must fit; batches, gradients and samples are checked per request.
        MaxQubits = MemoryBudget.MaxQubitsThatFit(1),
        Precision = Precision.Double,
        ExactExpectations = true,
        Probabilities = true,
        Sampling = true,
        StateAccess = true,
        MidCircuitMeasurement = true,
        GradientMethods = GradientMethods.Adjoint | GradientMethods.ParameterShift | GradientMethods.FiniteDifference,

        // Every named gate has a kernel shape, and the dense kernel takes unitaries up to the
        // contract's widest operand, so nothing needs decomposing.
        NativeGates = GateSet.All,
    };
}
