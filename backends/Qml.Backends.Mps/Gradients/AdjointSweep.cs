using System.Numerics;
using Qml.Abstractions.Gates;
using Qml.Backends.Mps.Outputs;
using Qml.Backends.Mps.Simulation;
using Qml.Backends.Mps.State;

namespace Qml.Backends.Mps.Gradients;

/// <summary>
/// Adjoint differentiation of one row on MPS, for one worker: the forward pass, then
/// |λ⟩ = Σ_o upstream_o·O_o|ψ⟩ as an MPS, then one backward sweep that un-applies each gate
/// (its adjoint, routed like the forward gate) from ψ and from λ and reads
/// g = 2·Re⟨λ|∂U|ψ⟩ for every symbolic angle in between, chained through the angle's affine
/// coefficients. Exact when no SVD truncates; with truncation, ψ and λ are approximations
/// and so is the gradient (the truncated SVDs are counted in <see cref="TruncatedSvds"/>).
/// </summary>
internal sealed class AdjointSweep
{
    private readonly CompiledCircuit _circuit;
    private readonly bool[] _centreLeftBackward;
    private readonly RowSimulator _forward;
    private readonly MpsState _lambda;
    private readonly MpsState _lambdaPart;
    private readonly GateRouter _router = new();
    private readonly CotangentBuilder _cotangent = new();
    private readonly OverlapEnvironments _environments;
    private readonly double[] _angles = new double[3];
    private readonly Complex[] _matrix;
    private readonly Complex[] _adjoint;
    private readonly Complex[] _derivative = new Complex[16];

    public AdjointSweep(CompiledCircuit circuit, bool[] centreLeftBackward, TruncationPolicy policy, TruncationPolicy lambdaPolicy)
    {
        _circuit = circuit;
        _centreLeftBackward = centreLeftBackward;
        _forward = new RowSimulator(circuit, policy);
        _lambda = new MpsState(circuit.Circuit.QubitCount, lambdaPolicy);
        _lambdaPart = new MpsState(circuit.Circuit.QubitCount, lambdaPolicy);
        _environments = new OverlapEnvironments(circuit.Circuit.QubitCount);
        var dimension = circuit.MaxDimension;
        _matrix = new Complex[dimension * dimension];
        _adjoint = new Complex[dimension * dimension];
    }

    /// <summary>The forward state's truncation record, copied right after the forward pass.</summary>
    public (double Discarded, double Fidelity, int MaxBond, int Svds, int TruncatedSvds, int Swaps) Forward { get; private set; }

    /// <summary>Truncated SVDs of the whole row: forward, building λ and the backward sweep of both states.</summary>
    public int TruncatedSvds { get; private set; }

    /// <summary>Largest bond λ reached during the backward sweep (it grows as ψ's shrinks: the observable spreads back through the circuit).</summary>
    public int CotangentMaxBond { get; private set; }

    /// <summary>
    /// For every gate, whether the backward sweep's next multi-qubit gate (the nearest earlier
    /// one) starts left of it, so each split leaves the centre where it is needed next.
    /// </summary>
    public static bool[] CentreSides(CompiledCircuit circuit)
    {
        var gates = circuit.Gates;
        var sides = new bool[gates.Length];
        var previousStart = -1;
        for (var g = 0; g < gates.Length; g++)
        {
            if (gates[g].Qubits.Length < 2)
            {
                continue;
            }

            var first = gates[g].Qubits.Min();
            sides[g] = previousStart >= 0 && previousStart < first;
            previousStart = first;
        }

        return sides;
    }

    public void Row(
        ReadOnlySpan<double> symbols,
        IReadOnlyList<ObservableTerm> terms,
        ReadOnlySpan<double> upstream,
        Span<double> expectations,
        Span<double> symbolGradients,
        CancellationToken cancellationToken)
    {
        _forward.Run(symbols, cancellationToken);
        var psi = _forward.State;
        var stats = psi.Stats;
        Forward = (stats.DiscardedWeight, stats.Fidelity, stats.MaxBond, stats.SvdCount, stats.TruncatedSvdCount, stats.SwapCount);
        _forward.Expectation.Evaluate(psi, terms, expectations);
        symbolGradients.Clear();
        _cotangent.Collect(terms, upstream);
        if (_cotangent.Count == 0)
        {
            // Only identity strings or zero weights: every gradient is exactly zero.
            TruncatedSvds = stats.TruncatedSvdCount;
            CotangentMaxBond = 0;
            return;
        }

        _cotangent.Build(psi, _lambda, _lambdaPart);

        // Canonicalising λ records its oversized pre-compression bonds; count from the sweep on.
        var buildTruncations = _lambda.Stats.TruncatedSvdCount;
        _lambda.Stats.Reset();
        _environments.Invalidate();
        var gates = _circuit.Gates;
        for (var g = gates.Length - 1; g >= 0; g--)
        {
            if ((g & 63) == 63)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var gate = gates[g];
            var adjoint = Adjoint(gate.Matrix(symbols, _angles, _matrix), gate.Dimension);
            var centreLeft = _centreLeftBackward[g];
            _router.Apply(psi, gate.Qubits, adjoint, centreLeft);
            var operation = gate.Source;
            if (operation.IsSymbolic)
            {
                // ψ is now the state before the gate and λ the cotangent after it.
                var count = operation.Angles.Length;
                var angles = _angles.AsSpan(0, count);
                operation.EvaluateAngles(symbols, angles);
                for (var a = 0; a < count; a++)
                {
                    var angle = operation.Angles[a];
                    if (angle.IsConstant)
                    {
                        continue;
                    }

                    var derivative = _derivative.AsSpan(0, gate.Dimension * gate.Dimension);
                    GateMatrices.FillDerivative(operation.Kind, angles, a, derivative);
                    var value = 2.0 * _environments.RealOverlap(_lambda, psi, gate.Qubits, derivative);
                    foreach (var term in angle.Terms)
                    {
                        symbolGradients[term.Symbol] += term.Coefficient * value;
                    }
                }
            }

            _router.Apply(_lambda, gate.Qubits, adjoint, centreLeft);
        }

        TruncatedSvds = psi.Stats.TruncatedSvdCount + buildTruncations + _lambda.Stats.TruncatedSvdCount;
        CotangentMaxBond = _lambda.Stats.MaxBond;
    }

    private ReadOnlySpan<Complex> Adjoint(ReadOnlySpan<Complex> matrix, int dimension)
    {
        var adjoint = _adjoint.AsSpan(0, dimension * dimension);
        for (var r = 0; r < dimension; r++)
        {
            for (var c = 0; c < dimension; c++)
            {
                adjoint[(c * dimension) + r] = Complex.Conjugate(matrix[(r * dimension) + c]);
            }
        }

        return adjoint;
    }
}
