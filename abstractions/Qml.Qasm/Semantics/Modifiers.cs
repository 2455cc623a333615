using System.Collections.Immutable;
using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Qasm.Syntax;

namespace Qml.Qasm.Semantics;

/// <summary>
/// OpenQASM 3 gate modifiers on an expanded gate (a list of operations on local qubits
/// 0..width-1 plus a global phase). Symbolic angles stay affine: the inverse negates them,
/// integer powers repeat, and control maps each operation to its controlled form. Constant
/// gates without a controlled form become one controlled unitary matrix.
/// </summary>
internal static class Modifiers
{
    /// <summary>Largest 4^width · operations spent on building a controlled matrix.</summary>
    private const long MatrixBudget = 1L << 26;

    private const double Pi = Math.PI;

    public static void Inverse(List<Operation> operations, ref Angle phase)
    {
        operations.Reverse();
        for (var i = 0; i < operations.Count; i++)
        {
            operations[i] = InverseOf(operations[i]);
        }

        phase = -phase;
    }

    public static void Power(List<Operation> operations, ref Angle phase, Modifier modifier, Emitter budget)
    {
        var k = modifier.Argument;
        if (k != Math.Round(k))
        {
            throw modifier.Location.Error($"not supported: pow({k.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}) @ with a non-integer exponent");
        }

        if (k < 0)
        {
            Inverse(operations, ref phase);
            k = -k;
        }

        var count = (long)k;
        budget.Reserve(count * operations.Count);
        var once = operations.ToArray();
        operations.Clear();
        for (var i = 0L; i < count; i++)
        {
            operations.AddRange(once);
        }

        phase *= count;
    }

    /// <summary>Adds one control as local qubit 0 (the gate's qubits move up by one).</summary>
    public static void Control(List<Operation> operations, ref Angle phase, int width, bool negative, SourceLocation location, string gateName)
    {
        var controlled = ControlPositive(operations, phase, width, location, gateName);
        operations.Clear();
        if (negative)
        {
            operations.Add(Operation.Gate(OperationKind.X, [0]));
        }

        operations.AddRange(controlled);
        if (negative)
        {
            operations.Add(Operation.Gate(OperationKind.X, [0]));
        }

        phase = Angle.Zero;
    }

    private static List<Operation> ControlPositive(List<Operation> operations, Angle phase, int width, SourceLocation location, string gateName)
    {
        var shifted = operations.Where(o => o.Kind != OperationKind.Barrier).Select(o => o.Remap(q => q + 1)).ToList();
        var result = new List<Operation>();
        if (shifted.Count == 1 && phase == Angle.Zero && ControlledKind(shifted[0].Kind) is { } kind)
        {
            result.Add(Operation.Gate(kind, [0, .. shifted[0].Qubits], [.. shifted[0].Angles]));
            return result;
        }

        if (shifted.All(HasControlRule))
        {
            foreach (var operation in shifted)
            {
                AddControlled(operation, result);
            }

            if (phase != Angle.Zero)
            {
                result.Add(Operation.Gate(OperationKind.P, [0], phase));
            }

            return result;
        }

        if (!phase.IsConstant || shifted.Any(o => o.IsSymbolic))
        {
            throw location.Error($"not supported: ctrl @ on '{gateName}' with input-dependent angles (no affine controlled form)");
        }

        if (width + 1 > UnitaryMatrix.MaxQubits || (shifted.Count + 1) * (1L << (2 * (width + 1))) > MatrixBudget)
        {
            throw location.Error($"not supported: ctrl @ on '{gateName}' needs a {width + 1}-qubit controlled matrix; too large to build");
        }

        var inner = MatrixMath.SequenceMatrix([.. operations], phase.Constant, width);
        var matrix = new UnitaryMatrix(MatrixMath.Controlled(inner, width));
        result.Add(Operation.Unitary(matrix, [.. Enumerable.Range(0, width + 1)], "c" + gateName));
        return result;
    }

    private static OperationKind? ControlledKind(OperationKind kind) => kind switch
    {
        OperationKind.X => OperationKind.CX,
        OperationKind.Y => OperationKind.CY,
        OperationKind.Z => OperationKind.CZ,
        OperationKind.H => OperationKind.CH,
        OperationKind.RX => OperationKind.CRX,
        OperationKind.RY => OperationKind.CRY,
        OperationKind.RZ => OperationKind.CRZ,
        OperationKind.P => OperationKind.CP,
        OperationKind.CX => OperationKind.CCX,
        OperationKind.Swap => OperationKind.CSwap,
        _ => null,
    };

    private static bool HasControlRule(Operation operation) =>
        ControlledKind(operation.Kind) is not null
        || operation.Kind is OperationKind.I or OperationKind.S or OperationKind.Sdg or OperationKind.T or OperationKind.Tdg
            or OperationKind.SX or OperationKind.SXdg or OperationKind.U;

    /// <summary>Controlled form of one operation whose qubits are already shifted; control is qubit 0.</summary>
    private static void AddControlled(Operation operation, List<Operation> output)
    {
        var q = operation.Qubits;
        var a = operation.Angles;
        if (ControlledKind(operation.Kind) is { } kind)
        {
            output.Add(Operation.Gate(kind, [0, .. q], [.. a]));
            return;
        }

        switch (operation.Kind)
        {
            case OperationKind.I:
                break;
            case OperationKind.S: output.Add(Operation.Gate(OperationKind.CP, [0, q[0]], Pi / 2)); break;
            case OperationKind.Sdg: output.Add(Operation.Gate(OperationKind.CP, [0, q[0]], -Pi / 2)); break;
            case OperationKind.T: output.Add(Operation.Gate(OperationKind.CP, [0, q[0]], Pi / 4)); break;
            case OperationKind.Tdg: output.Add(Operation.Gate(OperationKind.CP, [0, q[0]], -Pi / 4)); break;
            case OperationKind.SX:
            case OperationKind.SXdg:
                {
                    // SX = e^{iπ/4}·RX(π/2): the phase becomes a phase gate on the control.
                    var sign = operation.Kind == OperationKind.SX ? 1.0 : -1.0;
                    output.Add(Operation.Gate(OperationKind.CRX, [0, q[0]], sign * Pi / 2));
                    output.Add(Operation.Gate(OperationKind.P, [0], sign * Pi / 4));
                    break;
                }

            default:
                {
                    // Controlled-U(θ, φ, λ) as qelib1.inc's cu3: exact, affine in the angles.
                    Angle theta = a[0], phi = a[1], lambda = a[2];
                    var t = q[0];
                    output.Add(Operation.Gate(OperationKind.P, [0], (lambda + phi) / 2));
                    output.Add(Operation.Gate(OperationKind.P, [t], (lambda - phi) / 2));
                    output.Add(Operation.Gate(OperationKind.CX, [0, t]));
                    output.Add(Operation.Gate(OperationKind.U, [t], -theta / 2, Angle.Zero, -(phi + lambda) / 2));
                    output.Add(Operation.Gate(OperationKind.CX, [0, t]));
                    output.Add(Operation.Gate(OperationKind.U, [t], theta / 2, phi, Angle.Zero));
                    break;
                }
        }
    }

    public static Operation InverseOf(Operation operation)
    {
        var q = operation.Qubits.AsSpan();
        var a = operation.Angles;
        switch (operation.Kind)
        {
            case OperationKind.S: return Operation.Gate(OperationKind.Sdg, q);
            case OperationKind.Sdg: return Operation.Gate(OperationKind.S, q);
            case OperationKind.T: return Operation.Gate(OperationKind.Tdg, q);
            case OperationKind.Tdg: return Operation.Gate(OperationKind.T, q);
            case OperationKind.SX: return Operation.Gate(OperationKind.SXdg, q);
            case OperationKind.SXdg: return Operation.Gate(OperationKind.SX, q);
            case OperationKind.U: return Operation.Gate(OperationKind.U, q, -a[0], -a[2], -a[1]);
            case OperationKind.RX or OperationKind.RY or OperationKind.RZ or OperationKind.P
                or OperationKind.CRX or OperationKind.CRY or OperationKind.CRZ or OperationKind.CP
                or OperationKind.RXX or OperationKind.RYY or OperationKind.RZZ:
                return Operation.Gate(operation.Kind, q, -a[0]);
            case OperationKind.ISwap:
                return Operation.Unitary(new UnitaryMatrix(MatrixMath.Adjoint(GateMatrices.Create(OperationKind.ISwap))), q, "iswap_dg");
            case OperationKind.Unitary:
                return Operation.Unitary(new UnitaryMatrix(MatrixMath.Adjoint(operation.Matrix!.Entries.AsSpan())), q, operation.Label);
            default:
                // I, Paulis, H, CX, CY, CZ, CH, Swap, CCX, CSwap are their own inverses; barriers stay.
                return operation;
        }
    }
}
