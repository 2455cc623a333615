using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>
/// Gates in a circuit (barriers not counted), how many act on two or more qubits, and how many are
/// one-qubit gates that are not diagonal (sx, x, u with θ ≠ 0: pulses on a device, where rz is a
/// frame change).
/// </summary>
internal sealed record GateCounts(int Gates, int MultiQubitGates, int OneQubitPulses)
{
    public static GateCounts Of(IEnumerable<Operation> operations)
    {
        var gates = operations.Where(o => o.Kind != OperationKind.Barrier).ToList();
        return new(
            gates.Count,
            gates.Count(o => o.Definition.IsUnitary && o.Qubits.Length > 1),
            gates.Count(o => o.Definition.IsUnitary && o.Qubits.Length == 1 && !GateCommutation.IsZType(o, 0)));
    }

    public override string ToString() => $"{Gates} gates ({MultiQubitGates} on two or more qubits, {OneQubitPulses} non-diagonal on one)";
}
