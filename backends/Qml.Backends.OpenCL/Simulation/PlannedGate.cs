using System.Collections.Immutable;
using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.OpenCL.Simulation;

/// <summary>
/// One operation of a native circuit, mapped once per request to its kernel shape and qubits.
/// The numbers always come from <see cref="GateMatrices"/> (or the operation's own unitary), so
/// U† and ∂U/∂θ reuse the same code path with other matrices.
/// </summary>
internal sealed record PlannedGate(Operation Operation, GateShape Shape, uint Q0, uint Q1)
{
    /// <summary>
    /// More 1-qubit operations on <see cref="Q0"/> that directly follow <see cref="Operation"/> and
    /// run fused with it as one 2×2 (forward passes only: the adjoint needs each gate on its own).
    /// </summary>
    public ImmutableArray<Operation> FusedAfter { get; init; } = [];

    /// <summary>
    /// The forward plan of a circuit: adjacent 1-qubit gates on the same qubit become one general
    /// 2×2, so the state is swept once instead of twice (a statevector gate is memory-bound).
    /// </summary>
    public static List<PlannedGate> Fuse(IEnumerable<Operation> operations)
    {
        var plan = new List<PlannedGate>();
        foreach (var operation in operations)
        {
            var gate = For(operation);
            if (plan.Count > 0 && IsFusable(gate) && plan[^1] is { } last && IsFusable(last) && last.Q0 == gate.Q0)
            {
                plan[^1] = last with { Shape = GateShape.Single, FusedAfter = last.FusedAfter.Add(operation) };
                continue;
            }

            plan.Add(gate);
        }

        return plan;
    }

    private static bool IsFusable(PlannedGate gate) =>
        gate.Shape is GateShape.Single or GateShape.Diagonal1 or GateShape.X && gate.Operation.Qubits.Length == 1;

    /// <summary>The two qubits sorted, for kernels that enumerate groups with zeros at both.</summary>
    public uint Lo => Math.Min(Q0, Q1);

    public uint Hi => Math.Max(Q0, Q1);

    public bool IsSymbolic => Operation.IsSymbolic || FusedAfter.Any(o => o.IsSymbolic);

    /// <summary>Matrix dimension of the operation (2, 4, or up to 2^10 for unitaries).</summary>
    public int Dimension => Operation.Kind switch
    {
        OperationKind.Unitary => Operation.Matrix!.Dimension,
        OperationKind.Barrier or OperationKind.Measure => 1,
        _ => GateMatrices.Dimension(Operation.Kind),
    };

    /// <summary>Shape of ∂U/∂θ: not unitary and zero where U is the identity, so always dense.</summary>
    public GateShape DerivativeShape => Dimension == 2 ? GateShape.Single : GateShape.Dense2;

    /// <summary>Complex entries <paramref name="shape"/> of this gate reads from the matrix table.</summary>
    public int EntriesOf(GateShape shape) => shape switch
    {
        GateShape.Single or GateShape.Controlled or GateShape.Diagonal2 => 4,
        GateShape.Diagonal1 => 2,
        GateShape.Dense2 => 16,
        GateShape.DenseK => Dimension * Dimension,
        _ => 0,
    };

    /// <summary>The qubits in matrix order, 5 bits each (apply_dense's argument; qubits stop at 30).</summary>
    public ulong PackedQubits
    {
        get
        {
            ulong packed = 0;
            for (var j = 0; j < Operation.Qubits.Length; j++)
            {
                packed |= (ulong)Operation.Qubits[j] << (5 * j);
            }

            return packed;
        }
    }

    public static PlannedGate For(Operation operation)
    {
        var qubits = operation.Qubits;
        var kind = operation.Kind;
        var definition = operation.Definition;
        var shape = kind switch
        {
            OperationKind.I or OperationKind.Barrier or OperationKind.Measure => GateShape.Identity,
            OperationKind.X => GateShape.X,
            OperationKind.CX => GateShape.CX,
            OperationKind.Swap => GateShape.Swap,
            OperationKind.Unitary => operation.Matrix!.QubitCount switch { 1 => GateShape.Single, 2 => GateShape.Dense2, _ => GateShape.DenseK },
            _ when definition.QubitCount == 1 => definition.IsDiagonal ? GateShape.Diagonal1 : GateShape.Single,
            _ when definition.IsDiagonal => GateShape.Diagonal2,
            _ when definition.ControlCount == 1 => GateShape.Controlled,
            _ => GateShape.Dense2,
        };
        var q0 = qubits.Length > 0 ? (uint)qubits[0] : 0u;
        var q1 = qubits.Length > 1 ? (uint)qubits[1] : q0;
        return new PlannedGate(operation, shape, q0, q1);
    }

    /// <summary>
    /// Writes the entries <paramref name="shape"/> reads: of U, of U† (<paramref name="adjoint"/>),
    /// or of ∂U/∂angle[<paramref name="derivativeOf"/>].
    /// </summary>
    /// <param name="shape">The kernel shape whose layout to write.</param>
    /// <param name="symbols">The row's symbol values.</param>
    /// <param name="adjoint">Write U† instead of U.</param>
    /// <param name="derivativeOf">The angle to differentiate by, or −1 for the matrix itself.</param>
    /// <param name="scratch">At least Dimension² entries.</param>
    /// <param name="destination">At least <see cref="EntriesOf"/> entries.</param>
    public void Entries(GateShape shape, ReadOnlySpan<double> symbols, bool adjoint, int derivativeOf, Span<Complex> scratch, Span<Complex> destination)
    {
        var dimension = Dimension;
        var matrix = scratch[..(dimension * dimension)];
        Span<double> angles = stackalloc double[Operation.Angles.Length];
        Operation.EvaluateAngles(symbols, angles);
        if (!FusedAfter.IsEmpty)
        {
            Fill(Operation, angles, matrix);
            Span<Complex> next = stackalloc Complex[4];
            Span<Complex> product = stackalloc Complex[4];
            Span<double> buffer = stackalloc double[3];
            foreach (var operation in FusedAfter)
            {
                var more = buffer[..operation.Angles.Length];
                operation.EvaluateAngles(symbols, more);
                Fill(operation, more, next);

                // Later gates multiply from the left: M = M_k ⋯ M_1.
                product[0] = (next[0] * matrix[0]) + (next[1] * matrix[2]);
                product[1] = (next[0] * matrix[1]) + (next[1] * matrix[3]);
                product[2] = (next[2] * matrix[0]) + (next[3] * matrix[2]);
                product[3] = (next[2] * matrix[1]) + (next[3] * matrix[3]);
                product.CopyTo(matrix);
            }
        }
        else if (Operation.Kind == OperationKind.Unitary)
        {
            Operation.Matrix!.Entries.AsSpan().CopyTo(matrix);
        }
        else if (derivativeOf >= 0)
        {
            GateMatrices.FillDerivative(Operation.Kind, angles, derivativeOf, matrix);
        }
        else
        {
            GateMatrices.Fill(Operation.Kind, angles, matrix);
        }

        if (adjoint)
        {
            ConjugateTranspose(matrix, dimension);
        }

        switch (shape)
        {
            case GateShape.Single:
            case GateShape.Dense2:
            case GateShape.DenseK:
                matrix.CopyTo(destination);
                break;
            case GateShape.Diagonal1:
                destination[0] = matrix[0];
                destination[1] = matrix[3];
                break;
            case GateShape.Controlled:
                // Control is matrix bit 0, target bit 1: the target block sits at rows/columns 1 and 3.
                destination[0] = matrix[5];
                destination[1] = matrix[7];
                destination[2] = matrix[13];
                destination[3] = matrix[15];
                break;
            case GateShape.Diagonal2:
                destination[0] = matrix[0];
                destination[1] = matrix[5];
                destination[2] = matrix[10];
                destination[3] = matrix[15];
                break;
            default:
                break;
        }
    }

    private static void Fill(Operation operation, ReadOnlySpan<double> angles, Span<Complex> matrix)
    {
        if (operation.Kind == OperationKind.Unitary)
        {
            operation.Matrix!.Entries.AsSpan().CopyTo(matrix);
        }
        else
        {
            GateMatrices.Fill(operation.Kind, angles, matrix);
        }
    }

    private static void ConjugateTranspose(Span<Complex> matrix, int dimension)
    {
        for (var r = 0; r < dimension; r++)
        {
            matrix[(r * dimension) + r] = Complex.Conjugate(matrix[(r * dimension) + r]);
            for (var c = r + 1; c < dimension; c++)
            {
                var upper = matrix[(r * dimension) + c];
                matrix[(r * dimension) + c] = Complex.Conjugate(matrix[(c * dimension) + r]);
                matrix[(c * dimension) + r] = Complex.Conjugate(upper);
            }
        }
    }
}
