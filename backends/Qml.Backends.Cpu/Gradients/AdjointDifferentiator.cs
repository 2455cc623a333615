using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;
using Qml.Backends.Cpu.Outputs;
using Qml.Backends.Cpu.Simulation;

namespace Qml.Backends.Cpu.Gradients;

/// <summary>
/// Adjoint differentiation of one row: one forward pass, then one backward sweep that un-applies
/// each gate from ψ and from λ = Σ_o upstream_o·O_o|ψ⟩, reading g = 2·Re⟨λ|∂U|ψ⟩ for every
/// symbolic angle on the way (in one read of λ and ψ, see <see cref="DerivativeInnerProduct"/>).
/// Costs about three forward passes and two state vectors, independent of the number of parameters.
/// </summary>
internal sealed class AdjointDifferentiator(StatevectorSimulator simulator, StateBuffer lambda)
{
    public void Row(
        Circuit circuit,
        ReadOnlySpan<double> symbols,
        CompiledObservables observables,
        ReadOnlySpan<double> upstream,
        Span<double> expectations,
        Span<double> symbolGradients,
        CancellationToken cancellationToken)
    {
        simulator.RunUnitary(circuit, symbols, cancellationToken);
        var psi = simulator.State;
        observables.Evaluate(psi, expectations, simulator.Threads);
        lambda.Clear();
        for (var o = 0; o < observables.Count; o++)
        {
            if (upstream[o] != 0.0)
            {
                PauliExpectation.Accumulate(psi, lambda, observables.Terms(o), upstream[o], simulator.Threads);
            }
        }

        symbolGradients.Clear();
        Span<double> angles = stackalloc double[3];
        var operations = circuit.Operations;
        for (var index = operations.Length - 1; index >= 0; index--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var operation = operations[index];
            if (operation.Kind == OperationKind.Barrier)
            {
                continue;
            }

            if (RotationGeneratorProduct.Handles(operation.Kind))
            {
                // Read before ψ is un-applied: the rotation's gradient needs ψ after the gate.
                var angle = operation.Angles[0];
                if (!angle.IsConstant)
                {
                    var g = RotationGeneratorProduct.Compute(operation.Kind, operation.Qubits[0], lambda, psi, simulator.Threads);
                    foreach (var term in angle.Terms)
                    {
                        symbolGradients[term.Symbol] += term.Coefficient * g;
                    }
                }

                simulator.Apply(operation, symbols, psi, adjoint: true);
            }
            else
            {
                simulator.Apply(operation, symbols, psi, adjoint: true);
                for (var angleIndex = 0; angleIndex < operation.Angles.Length; angleIndex++)
                {
                    var angle = operation.Angles[angleIndex];
                    if (angle.IsConstant)
                    {
                        continue;
                    }

                    operation.EvaluateAngles(symbols, angles);
                    var g = 2.0 * DerivativeInnerProduct.Compute(operation, angles[..operation.Angles.Length], angleIndex, lambda, psi, simulator.Threads);

                    // Chain rule through the affine angle c0 + Σ c_s·symbol_s.
                    foreach (var term in angle.Terms)
                    {
                        symbolGradients[term.Symbol] += term.Coefficient * g;
                    }
                }
            }

            simulator.Apply(operation, symbols, lambda, adjoint: true);
        }
    }
}
