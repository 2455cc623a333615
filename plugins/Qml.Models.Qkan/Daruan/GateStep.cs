namespace Qml.Models.Qkan.Daruan;

/// <summary>The single-qubit gates DARUAN circuits use.</summary>
internal enum GateKind : byte
{
    RZ,
    RY,
    RX,
    X,
    Z,
}

/// <summary>
/// One gate of an edge circuit in time order. A rotation takes its angle from theta (flat index
/// l·K + k into the edge's (steps, K) block) or from the data angle of repetition <see cref="Index"/>.
/// </summary>
internal readonly record struct GateStep(GateKind Kind, bool IsData, int Index)
{
    public bool IsRotation => Kind is GateKind.RZ or GateKind.RY or GateKind.RX;
}
