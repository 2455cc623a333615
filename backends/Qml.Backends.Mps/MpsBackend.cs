using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Qml.Abstractions.Execution;
using Qml.Backends.Mps.Gradients;
using Qml.Backends.Mps.Outputs;
using Qml.Backends.Mps.Simulation;
using Qml.Backends.Mps.State;

namespace Qml.Backends.Mps;

/// <summary>
/// The matrix product state backend: one tensor per qubit with an explicit orthogonality
/// centre, two-qubit gates split by truncated SVD (bond cap and cutoff from the options),
/// distant qubits swapped together and back, expectations and probabilities by environment
/// contraction, sequential conditional sampling, adjoint gradients (one forward and one backward
/// sweep over ψ and λ = O|ψ⟩), binding-table rows in parallel. Without truncation the results,
/// gradients included, are exact; truncation is reported in every result's diagnostics.
/// </summary>
public sealed class MpsBackend : IDifferentiableBackend
{
    internal const string DescriptionText = "Matrix product state simulator: truncated SVD with bond cap and cutoff, 100+ qubits at limited entanglement, adjoint gradients (approximate when truncating).";

    private readonly MpsSettings _settings;
    private readonly TruncationPolicy _policy;
    private bool _disposed;

    internal MpsBackend(MpsSettings settings)
    {
        _settings = settings;
        _policy = new TruncationPolicy(settings.MaxBond, settings.Cutoff);
        Info = new BackendInfo(MpsBackendFactory.BackendName, "1.0.0", DescriptionText, MpsCapabilities.Create());
    }

    public BackendInfo Info { get; }

    /// <summary>Largest bond an SVD keeps.</summary>
    public int MaxBond => _settings.MaxBond;

    /// <summary>Largest fraction of the weight one SVD may discard.</summary>
    public double Cutoff => _settings.Cutoff;

    /// <summary>Rows simulated in parallel.</summary>
    public int Threads => _settings.Threads;

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Task.Run(() => Execute(request, cancellationToken), cancellationToken);
    }

    public Task<GradientResult> VectorJacobianAsync(ExecutionRequest request, ResultMatrix<double> upstream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(upstream);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Task.Run(() => VectorJacobian(request, upstream, cancellationToken), cancellationToken);
    }

    public void Dispose() => _disposed = true;

    private GradientResult VectorJacobian(ExecutionRequest original, ResultMatrix<double> upstream, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var request = RequestValidator.PrepareGradient(original, upstream, Info);
        var rows = request.Rows;
        var compiled = new CompiledCircuit(request.Circuit);
        var centreSides = AdjointSweep.CentreSides(compiled);
        var terms = ObservableTerm.Flatten(request.Observables);
        var lambdaPolicy = _policy with { MaxBond = (int)Math.Min(MpsSettings.MaxMaxBond, (long)_policy.MaxBond * CotangentBuilder.MpoBond(terms, request.Circuit.QubitCount)) };
        var expectations = new ResultMatrix<double>(rows, request.Observables.Length);
        var gradients = new ResultMatrix<double>(rows, request.Circuit.Symbols.Length);
        var rowStats = new RowStatistics[rows];
        var backwardTruncations = new int[rows];
        var cotangentBonds = new int[rows];
        var workers = Math.Min(_settings.Threads, rows);

        RowScheduler.ForEachRow(
            rows,
            workers,
            () => new AdjointSweep(compiled, centreSides, _policy, lambdaPolicy),
            (sweep, row) =>
            {
                sweep.Row(request.Bindings.Row(row), terms, upstream.Row(row), expectations.Row(row), gradients.Row(row), cancellationToken);
                var forward = sweep.Forward;
                rowStats[row] = new RowStatistics(forward.Discarded, forward.Fidelity, forward.MaxBond, forward.Svds, forward.TruncatedSvds, forward.Swaps);
                backwardTruncations[row] = sweep.TruncatedSvds - forward.TruncatedSvds;
                cotangentBonds[row] = sweep.CotangentMaxBond;
            },
            cancellationToken);

        var diagnostics = Diagnose(clock, workers, 0, rowStats);
        var truncatedBackward = backwardTruncations.Sum(t => (long)t);
        var exact = truncatedBackward == 0 && rowStats.All(r => r.TruncatedSvds == 0);
        var details = new Dictionary<string, string>(diagnostics.Details)
        {
            ["gradient"] = exact ? "adjoint (exact: nothing truncated)" : "adjoint (approximate: truncated SVDs in the forward or backward sweep)",
            ["backwardTruncatedSvds"] = truncatedBackward.ToString(CultureInfo.InvariantCulture),
            ["cotangentMaxBond"] = cotangentBonds.Max().ToString(CultureInfo.InvariantCulture),
        };
        return new GradientResult(expectations, gradients, diagnostics with { Details = details });
    }

    private ExecutionResult Execute(ExecutionRequest original, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var request = RequestValidator.Prepare(original, Info);
        var circuit = request.Circuit;
        var n = circuit.QubitCount;
        var rows = request.Rows;
        var outputs = request.Outputs;
        ResultLimits.Check(request, Info.Name);

        var compiled = new CompiledCircuit(circuit);
        var terms = outputs.HasFlag(ResultKinds.Expectations) ? ObservableTerm.Flatten(request.Observables) : null;
        var expectations = terms is null ? null : new ResultMatrix<double>(rows, request.Observables.Length);
        var probabilityQubits = request.ResolvedProbabilityQubits.AsSpan().ToArray();
        var probabilities = outputs.HasFlag(ResultKinds.Probabilities) ? new ResultMatrix<double>(rows, 1 << probabilityQubits.Length) : null;
        var samples = outputs.HasFlag(ResultKinds.Samples) ? new SampleTable(rows, request.Shots, compiled.SampleBitCount) : null;
        var states = outputs.HasFlag(ResultKinds.State) ? new ResultMatrix<Complex>(rows, 1 << n) : null;
        var rowStats = new RowStatistics[rows];
        var workers = Math.Min(_settings.Threads, rows);

        RowScheduler.ForEachRow(
            rows,
            workers,
            () => new RowSimulator(compiled, _policy),
            (worker, row) =>
            {
                var symbols = request.Bindings.Row(row);
                worker.Run(symbols, cancellationToken);
                var state = worker.State;

                // Statistics first: the outputs below move the centre, which is exact (QR) and
                // does not count as truncation.
                rowStats[row] = RowStatistics.Of(state.Stats);
                if (states is not null)
                {
                    var destination = states.Row(row);
                    DenseState.Write(state, destination);
                    var phase = Complex.FromPolarCoordinates(1.0, circuit.GlobalPhase.Evaluate(symbols));
                    if (phase != Complex.One)
                    {
                        foreach (ref var amplitude in destination)
                        {
                            amplitude *= phase;
                        }
                    }
                }

                if (terms is not null)
                {
                    worker.Expectation.Evaluate(state, terms, expectations!.Row(row));
                }

                if (probabilities is not null)
                {
                    worker.Probabilities.Evaluate(state, probabilityQubits, probabilities.Row(row));
                }

                if (samples is not null)
                {
                    worker.Sampler.Sample(state, compiled.Measurements, samples, row, request.Seed);
                }
            },
            cancellationToken);

        return new ExecutionResult
        {
            Expectations = expectations,
            Probabilities = probabilities,
            Samples = samples,
            States = states,
            Diagnostics = Diagnose(clock, workers, samples is null ? 0 : (long)rows * request.Shots, rowStats),
        };
    }

    private ExecutionDiagnostics Diagnose(Stopwatch clock, int workers, long shots, RowStatistics[] rows)
    {
        var discarded = rows.Max(r => r.DiscardedWeight);
        var fidelity = rows.Min(r => r.Fidelity);
        var bond = rows.Max(r => r.MaxBond);
        return new ExecutionDiagnostics(Info.Name, clock.Elapsed, workers, shots, discarded, bond)
        {
            Details = new Dictionary<string, string>
            {
                ["maxBond"] = _settings.MaxBond.ToString(CultureInfo.InvariantCulture),
                ["cutoff"] = _settings.Cutoff.ToString("R", CultureInfo.InvariantCulture),
                ["fidelityEstimate"] = fidelity.ToString("R", CultureInfo.InvariantCulture),
                ["truncatedRows"] = rows.Count(r => r.DiscardedWeight > 0).ToString(CultureInfo.InvariantCulture),
                ["truncatedSvds"] = rows.Sum(r => (long)r.TruncatedSvds).ToString(CultureInfo.InvariantCulture),
                ["svds"] = rows.Sum(r => (long)r.Svds).ToString(CultureInfo.InvariantCulture),
                ["swaps"] = rows.Sum(r => (long)r.Swaps).ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>One row's truncation record, copied out of its worker's state.</summary>
    private readonly record struct RowStatistics(double DiscardedWeight, double Fidelity, int MaxBond, int Svds, int TruncatedSvds, int Swaps)
    {
        public static RowStatistics Of(TruncationStats stats) =>
            new(stats.DiscardedWeight, stats.Fidelity, stats.MaxBond, stats.SvdCount, stats.TruncatedSvdCount, stats.SwapCount);
    }
}
