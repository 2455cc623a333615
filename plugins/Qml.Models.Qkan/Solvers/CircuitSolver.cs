using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Learning.Quantum;
using Qml.Models.Qkan.Daruan;

namespace Qml.Models.Qkan.Solvers;

/// <summary>
/// Runs the DARUAN circuits through any <see cref="IBackend"/>: one single-qubit template circuit
/// per layer (H, then the ansatz's gates with data symbols z_l and weight symbols t_j), and one
/// request per forward whose rows are every (sample, edge) pair, row = b·edges + e. The data angles
/// are bound as computed values (x, w·x+b or acos(w·x+b)), so the chain rule to x, w and b is
/// applied here and the backend only differentiates plain rotation angles (adjoint, parameter
/// shift or finite differences through <see cref="QuantumGradients"/>).
/// </summary>
/// <remarks>
/// ⟨Z⟩ readout uses expectations, which every backend offers. The fast readout |a0| − |a1| needs
/// the amplitudes' magnitudes, so it asks for the state and refuses backends without state access.
/// Its gradient reuses ⟨Z⟩'s: |a0| − |a1| = √((1+⟨Z⟩)/2) − √((1−⟨Z⟩)/2).
/// </remarks>
internal sealed class CircuitSolver : IEdgeSolver
{
    private readonly IBackend _backend;
    private readonly DifferentiationMethod _method;
    private readonly Circuit _circuit;
    private readonly int _columns;

    public CircuitSolver(DaruanSpec spec, IBackend backend, DifferentiationMethod method)
    {
        Spec = spec;
        _backend = backend;
        _method = QuantumGradients.Resolve(method, backend);
        if (spec.Readout == Readout.Fast && !backend.Info.Capabilities.StateAccess)
        {
            throw new QmlException(
                $"the fast DARUAN readout |a0| − |a1| needs the state, and backend '{backend.Info.Name}' gives no state access; use the ⟨Z⟩ readout (--readout z) or the exact solver.");
        }

        _circuit = Template(spec);
        _columns = spec.Reps + spec.ThetaPerEdge;
    }

    public DaruanSpec Spec { get; }

    /// <summary>The edge circuit: symbols z0..z(r−1) (inputs), then t0..t(steps·K−1) (weights, flat theta order).</summary>
    internal static Circuit Template(DaruanSpec spec)
    {
        var builder = new CircuitBuilder(1, name: $"daruan-{AnsatzInfo.Name(spec.Ansatz)}-r{spec.Reps}");
        var data = new Angle[spec.Reps];
        for (int l = 0; l < spec.Reps; l++)
        {
            data[l] = builder.Input($"z{l}");
        }

        var theta = new Angle[spec.ThetaPerEdge];
        for (int t = 0; t < theta.Length; t++)
        {
            theta[t] = builder.Weight($"t{t}");
        }

        builder.H(0);
        foreach (GateStep step in spec.Program)
        {
            switch (step.Kind)
            {
                case GateKind.X:
                    builder.X(0);
                    break;
                case GateKind.Z:
                    builder.Z(0);
                    break;
                default:
                    var angle = step.IsData ? data[step.Index] : theta[step.Index];
                    builder.Gate(step.Kind switch
                    {
                        GateKind.RZ => Qml.Abstractions.Gates.OperationKind.RZ,
                        GateKind.RY => Qml.Abstractions.Gates.OperationKind.RY,
                        _ => Qml.Abstractions.Gates.OperationKind.RX,
                    }, [0], angle);
                    break;
            }
        }

        return builder.Build();
    }

    public double[] Forward(EdgeValues values, double[] x, int batch)
    {
        var (f, _) = Evaluate(values, x, batch, out _);
        var y = new double[batch * Spec.Outputs];
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < Spec.Outputs; o++)
            {
                double sum = 0;
                for (int i = Spec.FirstInput(o); i < Spec.EndInput(o); i++)
                {
                    int e = Spec.Edge(o, i);
                    double xi = x[(b * Spec.Inputs) + i];
                    sum += values.Mask[e] * ((values.PostactWeight[e] * (f[(b * Spec.Edges) + e] + values.PostactBias[e])) + (values.BaseWeight[e] * Silu(xi)));
                }

                y[(b * Spec.Outputs) + o] = sum;
            }
        }

        return y;
    }

    public EdgeGradients Backward(EdgeValues values, double[] x, int batch, double[] upstream)
    {
        var (f, dfdz) = Evaluate(values, x, batch, out var request);
        int edges = Spec.Edges, inputs = Spec.Inputs, reps = Spec.Reps, perEdge = Spec.ThetaPerEdge;
        var grads = new EdgeGradients(
            new double[batch * inputs],
            new double[Spec.ThetaBlocks * perEdge],
            new double[edges * reps],
            new double[edges * reps],
            new double[edges],
            new double[edges],
            new double[edges]);

        // dL/d⟨Z⟩ per (sample, edge) row, and the classical part of the layer.
        var zUpstream = new double[batch * edges];
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < Spec.Outputs; o++)
            {
                double g = upstream[(b * Spec.Outputs) + o];
                for (int i = Spec.FirstInput(o); i < Spec.EndInput(o); i++)
                {
                    int e = Spec.Edge(o, i), row = (b * edges) + e;
                    double xi = x[(b * inputs) + i], m = values.Mask[e];
                    zUpstream[row] = g * m * values.PostactWeight[e] * dfdz[row];
                    grads.PostactWeight[e] += g * m * (f[row] + values.PostactBias[e]);
                    grads.PostactBias[e] += g * m * values.PostactWeight[e];
                    grads.BaseWeight[e] += g * m * Silu(xi);
                    grads.X[(b * inputs) + i] += g * m * values.BaseWeight[e] * SiluDerivative(xi);
                }
            }
        }

        var symbols = QuantumGradients.VectorJacobianAsync(_backend, request, new ResultMatrix<double>(batch * edges, 1, zUpstream), _method)
            .GetAwaiter().GetResult();
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < Spec.Outputs; o++)
            {
                for (int i = Spec.FirstInput(o); i < Spec.EndInput(o); i++)
                {
                    int e = Spec.Edge(o, i);
                    var row = symbols.Row((b * edges) + e);
                    double xi = x[(b * inputs) + i];
                    for (int l = 0; l < reps; l++)
                    {
                        double dz = row[l];
                        if (!Spec.UsesAffineData)
                        {
                            grads.X[(b * inputs) + i] += dz;
                            continue;
                        }

                        double w = values.PreactWeight[(e * reps) + l];
                        double u = (w * xi) + values.PreactBias[(e * reps) + l];
                        double du = Spec.ArcCosData ? -dz / Math.Sqrt(1.0 - (u * u)) : dz;
                        grads.X[(b * inputs) + i] += du * w;
                        grads.PreactWeight[(e * reps) + l] += du * xi;
                        grads.PreactBias[(e * reps) + l] += du;
                    }

                    int block = Spec.ThetaBlock(o, i);
                    for (int t = 0; t < perEdge; t++)
                    {
                        grads.Theta[(block * perEdge) + t] += row[reps + t];
                    }
                }
            }
        }

        return grads;
    }

    /// <summary>f per (sample, edge) row and df/d⟨Z⟩ (1 for ⟨Z⟩; for |a0| − |a1|, 1/(4|a0|) + 1/(4|a1|)).</summary>
    private (double[] F, double[] DfDz) Evaluate(EdgeValues values, double[] x, int batch, out ExecutionRequest request)
    {
        int edges = Spec.Edges, inputs = Spec.Inputs, reps = Spec.Reps, perEdge = Spec.ThetaPerEdge;
        var bindings = new double[batch * edges * _columns];
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < Spec.Outputs; o++)
            {
                for (int i = Spec.FirstInput(o); i < Spec.EndInput(o); i++)
                {
                    int e = Spec.Edge(o, i);
                    var row = bindings.AsSpan(((b * edges) + e) * _columns, _columns);
                    double xi = x[(b * inputs) + i];
                    for (int l = 0; l < reps; l++)
                    {
                        double u = Spec.UsesAffineData ? (values.PreactWeight[(e * reps) + l] * xi) + values.PreactBias[(e * reps) + l] : xi;
                        row[l] = Spec.ArcCosData ? Math.Acos(u) : u;
                    }

                    values.Theta.AsSpan(Spec.ThetaBlock(o, i) * perEdge, perEdge).CopyTo(row[reps..]);
                }
            }
        }

        bool fast = Spec.Readout == Readout.Fast;
        request = new ExecutionRequest
        {
            Circuit = _circuit,
            Bindings = new BindingTable(batch * edges, _columns, bindings),
            Observables = [Observable.Z(0)],
            Outputs = ResultKinds.Expectations | (fast ? ResultKinds.State : ResultKinds.None),
        };
        var result = _backend.ExecuteAsync(request).GetAwaiter().GetResult();
        int rows = batch * edges;
        var f = new double[rows];
        var dfdz = new double[rows];
        if (!fast)
        {
            var z = result.Expectations ?? throw new QmlException($"backend '{_backend.Info.Name}' returned no expectations.");
            for (int row = 0; row < rows; row++)
            {
                f[row] = z[row, 0];
                dfdz[row] = 1.0;
            }
        }
        else
        {
            var states = result.States ?? throw new QmlException($"backend '{_backend.Info.Name}' returned no state for the fast readout.");
            for (int row = 0; row < rows; row++)
            {
                double n0 = states[row, 0].Magnitude, n1 = states[row, 1].Magnitude;
                f[row] = n0 - n1;
                dfdz[row] = (n0 == 0 ? 0 : 0.25 / n0) + (n1 == 0 ? 0 : 0.25 / n1);
            }
        }

        request = request with { Outputs = ResultKinds.Expectations };
        return (f, dfdz);
    }

    private static double Silu(double x) => x / (1.0 + Math.Exp(-x));

    private static double SiluDerivative(double x)
    {
        double s = 1.0 / (1.0 + Math.Exp(-x));
        return s * (1.0 + (x * (1.0 - s)));
    }
}
