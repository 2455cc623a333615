using System.Numerics;
using Qml.Abstractions.Execution;
using Qml.Backends.OpenCL.Device;
using Qml.Backends.OpenCL.Outputs;
using Qml.Backends.OpenCL.Simulation;

namespace Qml.Backends.OpenCL.Gradients;

/// <summary>
/// Adjoint differentiation on the device, for a chunk of rows at once: one forward pass, then one
/// backward sweep that un-applies each gate from ψ and from λ = Σ_o upstream_o·O_o|ψ⟩, reading
/// g = 2·Re⟨λ|∂U|ψ⟩ for every symbolic angle on the way into a device table that comes back once
/// per chunk. Three state vectors per row, independent of the number of parameters.
/// </summary>
internal sealed class AdjointVjp(DeviceContext device, GateRunner gates, Reductions reductions, DeviceBudget budget)
{
    public GradientResult Run(ExecutionRequest request, ResultMatrix<double> upstream, int chunk, CancellationToken cancellationToken)
    {
        var circuit = request.Circuit;
        var n = circuit.QubitCount;
        var rows = request.Rows;
        var plan = circuit.Operations.Select(PlannedGate.For).ToArray();
        var occurrences = Occurrences(plan);
        var expectations = new ResultMatrix<double>(rows, request.Observables.Length);
        var gradients = new ResultMatrix<double>(rows, circuit.Symbols.Length);
        var stateBytes = (ulong)chunk * budget.StateBytes(n);

        using var psi = device.Allocate(stateBytes);
        using var lambda = device.Allocate(stateBytes);
        using var derivative = device.Allocate(stateBytes);
        using var wide = GateRunner.NeedsWideScratch(plan) ? device.Allocate(stateBytes) : null;
        using var terms = PauliTerms.Compile(request.Observables).Upload(device);
        using var expectationScratch = new ExpectationScratch(device, reductions, n, chunk, terms);
        using var weights = device.Allocate((ulong)terms.Count * (ulong)chunk * 2UL * (ulong)device.RealBytes, readOnly: true);
        using var partials = device.Allocate(reductions.PartialsBytes(n, (ulong)chunk));
        using var inner = device.Allocate((ulong)Math.Max(1, occurrences.Count) * (ulong)chunk * (ulong)device.RealBytes);
        var hostWeights = new Complex[terms.Count * chunk];
        var hostInner = new double[Math.Max(1, occurrences.Count) * chunk];

        for (var first = 0; first < rows; first += chunk)
        {
            var count = Math.Min(chunk, rows - first);
            using var table = MatrixTable.Build(device, plan, request.Bindings, first, count, gradient: true);
            gates.SetZeroState(psi, n, count);
            gates.Forward(psi, wide, n, count, plan, table, cancellationToken);
            expectationScratch.Evaluate(psi, count, expectations, first);

            // λ = Σ_t (upstream[row, o(t)]·c_t·i^{#Y_t})·flip/sign_t ψ, one launch per term.
            gates.Clear(lambda, n, count);
            for (var t = 0; t < terms.Count; t++)
            {
                for (var row = 0; row < count; row++)
                {
                    hostWeights[(t * count) + row] = terms.Phases[t] * (upstream[first + row, terms.ObservableOf[t]] * terms.Coefficients[t]);
                }
            }

            ComplexUpload.Write(device, weights, hostWeights.AsSpan(0, terms.Count * count));
            for (var t = 0; t < terms.Count; t++)
            {
                device["pauli_accumulate"].Args().Arg(psi).Arg(lambda).Arg((uint)n).Arg(terms.Masks[2 * t]).Arg(terms.Masks[(2 * t) + 1])
                    .Arg(weights).Arg((ulong)(t * count)).Launch(1UL << n, (ulong)count);
            }

            var occurrence = occurrences.Count;
            for (var k = plan.Length - 1; k >= 0; k--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var gate = plan[k];
                if (gate.Shape == GateShape.Identity && gate.Operation.Angles.Length == 0)
                {
                    continue;
                }

                gates.Apply(psi, wide, n, count, gate, gate.Shape, table.Buffer!, table.DaggerOffsets![k], table.Strides[k]);
                var angles = gate.Operation.Angles;
                for (var a = angles.Length - 1; a >= 0; a--)
                {
                    if (angles[a].IsConstant)
                    {
                        continue;
                    }

                    occurrence--;
                    var shape = gate.DerivativeShape;
                    psi.CopyTo(derivative, (ulong)count * budget.StateBytes(n));
                    gates.Apply(derivative, wide, n, count, gate, shape, table.Buffer!, table.DerivativeOffsets![k][a], (uint)gate.EntriesOf(shape));
                    reductions.InnerReal(lambda, derivative, n, count, partials, inner, (ulong)occurrence * (ulong)count);
                }

                gates.Apply(lambda, wide, n, count, gate, gate.Shape, table.Buffer!, table.DaggerOffsets![k], table.Strides[k]);
            }

            ComplexUpload.ReadReal(device, inner, hostInner.AsSpan(0, occurrences.Count * count));
            for (var o = 0; o < occurrences.Count; o++)
            {
                var (k, a) = occurrences[o];

                // Chain rule through the affine angle c0 + Σ c_s·symbol_s.
                foreach (var term in plan[k].Operation.Angles[a].Terms)
                {
                    for (var row = 0; row < count; row++)
                    {
                        gradients[first + row, term.Symbol] += term.Coefficient * 2.0 * hostInner[(o * count) + row];
                    }
                }
            }
        }

        device.Finish();
        return new GradientResult(expectations, gradients, new ExecutionDiagnostics(string.Empty, TimeSpan.Zero));
    }

    /// <summary>(gate, angle) of every symbolic angle, in circuit order: the rows of the device's inner-product table.</summary>
    private static List<(int Gate, int Angle)> Occurrences(PlannedGate[] plan)
    {
        var occurrences = new List<(int, int)>();
        for (var k = 0; k < plan.Length; k++)
        {
            var angles = plan[k].Operation.Angles;
            for (var a = 0; a < angles.Length; a++)
            {
                if (!angles[a].IsConstant)
                {
                    occurrences.Add((k, a));
                }
            }
        }

        return occurrences;
    }
}
