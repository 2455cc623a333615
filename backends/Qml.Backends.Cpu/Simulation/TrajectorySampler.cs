using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Execution.Sampling;
using Qml.Abstractions.Gates;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;
using Qml.Backends.Cpu.Outputs;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>
/// Samples circuits with mid-circuit measurement, reset or classical conditions one shot at a
/// time: each shot collapses its own copy of the state. The unitary prefix before the first
/// such operation is simulated once per row and copied into every shot.
/// </summary>
internal sealed unsafe class TrajectorySampler(StatevectorSimulator simulator, StateBuffer prefix)
{
    public void SampleRow(Circuit circuit, ReadOnlySpan<double> symbols, SampleTable samples, int row, ulong seed, CancellationToken cancellationToken)
    {
        var operations = circuit.Operations;
        var state = simulator.State;
        state.ResetToZero();
        var first = 0;
        for (; first < operations.Length; first++)
        {
            var operation = operations[first];
            if ((!operation.Definition.IsUnitary && operation.Kind != OperationKind.Barrier) || operation.Condition is not null)
            {
                break;
            }
        }

        simulator.RunPrefix(circuit, first, symbols, state, cancellationToken);

        prefix.CopyFrom(state);
        var random = new RowRandom(seed, row);
        for (var shot = 0; shot < samples.Shots; shot++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            state.CopyFrom(prefix);
            var register = samples.Shot(row, shot);
            register.Clear();
            for (var index = first; index < operations.Length; index++)
            {
                var operation = operations[index];
                if (operation.Condition is { } condition && !Holds(condition, register))
                {
                    continue;
                }

                switch (operation.Kind)
                {
                    case OperationKind.Measure:
                        CumulativeSampler.WriteBit(register, operation.ClassicalBits[0], Measure(operation.Qubits[0], ref random));
                        break;
                    case OperationKind.Reset:
                        if (Measure(operation.Qubits[0], ref random))
                        {
                            var flip = default(GateKernel);
                            flip.SetQubits([operation.Qubits[0]]);
                            flip.Kind = KernelKind.SwapPairs;
                            flip.SwapB = (nuint)1 << operation.Qubits[0];
                            simulator.Apply(flip, state);
                        }

                        break;
                    case OperationKind.Barrier:
                        break;
                    default:
                        simulator.Apply(operation, symbols, state);
                        break;
                }
            }
        }
    }

    private static bool Holds(ClassicalCondition condition, ReadOnlySpan<ulong> register)
    {
        ulong value = 0;
        for (var j = 0; j < condition.Bits.Length; j++)
        {
            var bit = condition.Bits[j];
            value |= ((register[bit >> 6] >> (bit & 63)) & 1UL) << j;
        }

        return value == condition.Value;
    }

    /// <summary>Projects the qubit on a random outcome (Born rule) and renormalises; returns the outcome.</summary>
    private bool Measure(int qubit, ref RowRandom random)
    {
        var state = simulator.State;
        var amplitudes = state.Pointer;
        var bit = (nuint)1 << qubit;
        double one = 0.0, total = 0.0;
        for (nuint i = 0; i < state.Length; i++)
        {
            var a = amplitudes[i];
            var p = (a.Real * a.Real) + (a.Imaginary * a.Imaginary);
            total += p;
            if ((i & bit) != 0)
            {
                one += p;
            }
        }

        var outcome = random.NextDouble() * total < one;
        var kept = outcome ? one : total - one;
        var collapse = default(GateKernel);
        collapse.SetQubits([qubit]);
        collapse.Kind = KernelKind.Phase;
        collapse.Target = qubit;
        collapse.M00 = outcome ? Complex.Zero : 1.0 / Math.Sqrt(kept);
        collapse.M11 = outcome ? 1.0 / Math.Sqrt(kept) : Complex.Zero;
        simulator.Apply(collapse, state);
        return outcome;
    }
}
