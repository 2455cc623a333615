using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Remote;

/// <summary>
/// Exact commutation facts the optimizer relies on. A gate is Z-type on a qubit when it commutes
/// with Z there (it is block diagonal in that qubit's computational basis: a diagonal gate, a
/// control), X-type when it commutes with X there (x, sx, rx, a CX target). Two gates commute
/// when on every qubit they share both are Z-type or both are X-type: each is then block
/// diagonal in the shared qubits' common eigenbasis, with blocks on qubits the other does not touch.
/// Measurements, resets, barriers, conditioned gates and dense unitaries commute with nothing.
/// </summary>
internal static class GateCommutation
{
    public static bool Commute(Operation a, Operation b)
    {
        if (!IsPlainGate(a) || !IsPlainGate(b))
        {
            return false;
        }

        for (var i = 0; i < a.Qubits.Length; i++)
        {
            var j = b.Qubits.IndexOf(a.Qubits[i]);
            if (j < 0)
            {
                continue;
            }

            if (!((IsZType(a, i) && IsZType(b, j)) || (IsXType(a, i) && IsXType(b, j))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An unconditioned named unitary gate (what the optimizer may move, merge or drop).</summary>
    public static bool IsPlainGate(Operation op) =>
        op.Condition is null && op.Definition.IsUnitary && op.Kind is not (OperationKind.Unitary or OperationKind.Barrier);

    /// <summary>Whether <paramref name="op"/> commutes with Z on its qubit number <paramref name="position"/>.</summary>
    public static bool IsZType(Operation op, int position) => op.Kind switch
    {
        OperationKind.I or OperationKind.Z or OperationKind.S or OperationKind.Sdg or OperationKind.T or OperationKind.Tdg or OperationKind.RZ or OperationKind.P => true,
        OperationKind.U => IsDiagonalU(op),
        OperationKind.CZ or OperationKind.CP or OperationKind.CRZ or OperationKind.RZZ => true,
        OperationKind.CX or OperationKind.CY or OperationKind.CH or OperationKind.CRX or OperationKind.CRY or OperationKind.CSwap => position == 0,
        OperationKind.CCX => position < 2,
        _ => false,
    };

    /// <summary>Whether <paramref name="op"/> commutes with X on its qubit number <paramref name="position"/>.</summary>
    public static bool IsXType(Operation op, int position) => op.Kind switch
    {
        OperationKind.I or OperationKind.X or OperationKind.SX or OperationKind.SXdg or OperationKind.RX => true,
        OperationKind.RXX => true,
        OperationKind.CX or OperationKind.CRX => position == 1,
        OperationKind.CCX => position == 2,
        _ => false,
    };

    /// <summary>U(0, φ, λ) = P(φ + λ).</summary>
    public static bool IsDiagonalU(Operation op) => op.Kind == OperationKind.U && op.Angles[0].IsConstant && op.Angles[0].Constant == 0;

    /// <summary>Gates that are their own inverse.</summary>
    public static bool IsSelfInverse(OperationKind kind) => kind is
        OperationKind.X or OperationKind.Y or OperationKind.Z or OperationKind.H
        or OperationKind.CX or OperationKind.CY or OperationKind.CZ or OperationKind.CH
        or OperationKind.Swap or OperationKind.CCX or OperationKind.CSwap;

    /// <summary>Two-qubit gates whose angle adds when two of them meet on the same qubits (rotations about one axis).</summary>
    public static bool AnglesAdd(OperationKind kind) => kind is
        OperationKind.CRX or OperationKind.CRY or OperationKind.CRZ or OperationKind.CP
        or OperationKind.RXX or OperationKind.RYY or OperationKind.RZZ;

    /// <summary>The same gate on the same qubits (in any order for a symmetric gate).</summary>
    public static bool SameGateAndQubits(Operation a, Operation b)
    {
        if (a.Kind != b.Kind || !IsPlainGate(b))
        {
            return false;
        }

        if (a.Qubits.SequenceEqual(b.Qubits))
        {
            return true;
        }

        var symmetric = EdgeDirections.Symmetric.Contains(a.Kind)
            || (a.Kind == OperationKind.CCX && a.Qubits[2] == b.Qubits[2])
            || (a.Kind == OperationKind.CSwap && a.Qubits[0] == b.Qubits[0]);
        return symmetric && a.Qubits.Order().SequenceEqual(b.Qubits.Order());
    }
}
