using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Conformance;

/// <summary>One measurement trajectory (shot) at a time: collapse, reset and classical conditions.</summary>
public static partial class ReferenceSimulator
{
    /// <summary>Classical bits a circuit's samples carry: its register, or one bit per qubit when it measures nothing.</summary>
    public static int SampleBitCount(Circuit circuit) =>
        circuit.HasMeasurements ? circuit.ClassicalBitCount : circuit.QubitCount;

    /// <summary>
    /// Runs one shot and returns its classical register (bit i = classical bit i). A circuit
    /// without measurements is measured entirely at the end (bit i = qubit i).
    /// </summary>
    public static ulong RunShot(Circuit circuit, ReadOnlySpan<double> symbolValues, Random random)
    {
        if (SampleBitCount(circuit) > 64)
        {
            throw new ArgumentException($"The reference samples at most 64 bits; the circuit needs {SampleBitCount(circuit)}.", nameof(circuit));
        }

        var state = ZeroState(circuit.QubitCount);
        var register = 0UL;
        foreach (var operation in circuit.Operations)
        {
            if (operation.Condition is { } condition && !Holds(condition, register))
            {
                continue;
            }

            switch (operation.Kind)
            {
                case OperationKind.Measure:
                    {
                        var bit = operation.ClassicalBits[0];
                        var outcome = Collapse(state, operation.Qubits[0], random);
                        register = (register & ~(1UL << bit)) | ((ulong)outcome << bit);
                        break;
                    }

                case OperationKind.Reset:
                    if (Collapse(state, operation.Qubits[0], random) == 1)
                    {
                        ApplyMatrix(state, [0, 1, 1, 0], [operation.Qubits[0]]);
                    }

                    break;
                default:
                    ApplyUnitary(state, operation, symbolValues);
                    break;
            }
        }

        if (circuit.HasMeasurements)
        {
            return register;
        }

        var all = 0UL;
        for (var qubit = 0; qubit < circuit.QubitCount; qubit++)
        {
            all |= (ulong)Collapse(state, qubit, random) << qubit;
        }

        return all;
    }

    private static bool Holds(ClassicalCondition condition, ulong register)
    {
        var value = 0UL;
        for (var j = 0; j < condition.Bits.Length; j++)
        {
            value |= ((register >> condition.Bits[j]) & 1UL) << j;
        }

        return value == condition.Value;
    }

    /// <summary>Measures one qubit: draws the outcome, projects and renormalises the state.</summary>
    private static int Collapse(Complex[] state, int qubit, Random random)
    {
        var one = Probabilities(state, [qubit])[1];
        var outcome = random.NextDouble() < one ? 1 : 0;
        var norm = Math.Sqrt(outcome == 1 ? one : 1.0 - one);
        for (var index = 0; index < state.Length; index++)
        {
            state[index] = ((index >> qubit) & 1) == outcome ? state[index] / norm : Complex.Zero;
        }

        return outcome;
    }
}
