using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Abstractions.Decomposition;

/// <summary>Collects the operations a rule produces, with the original condition.</summary>
internal sealed class RuleWriter(ClassicalCondition? condition)
{
    public List<Operation> Operations { get; } = [];

    public RuleWriter Gate(OperationKind kind, int[] qubits, params Angle[] angles)
    {
        Operations.Add(Operation.Gate(kind, qubits, angles).WithCondition(condition));
        return this;
    }

    public RuleWriter U(int qubit, Angle theta, Angle phi, Angle lambda) => Gate(OperationKind.U, [qubit], theta, phi, lambda);

    public RuleWriter P(int qubit, Angle lambda) => Gate(OperationKind.P, [qubit], lambda);

    public RuleWriter CX(int control, int target) => Gate(OperationKind.CX, [control, target]);

    /// <summary>An empty writer with the same condition.</summary>
    public RuleWriter Sibling() => new(condition);

    /// <summary>A unitary produced by decomposing <paramref name="source"/>; validation failures name it.</summary>
    public RuleWriter Unitary(Operation source, Complex[] entries, int[] qubits)
    {
        UnitaryMatrix matrix;
        try
        {
            matrix = new UnitaryMatrix(entries);
        }
        catch (ArgumentException error)
        {
            throw new QmlException($"{source}: decomposing its matrix produced a non-unitary block ({error.Message}).", error);
        }

        Operations.Add(Operation.Unitary(matrix, qubits).WithCondition(condition));
        return this;
    }
}
