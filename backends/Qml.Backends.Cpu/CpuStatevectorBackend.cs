using System.Diagnostics;
using System.Numerics;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Execution.Sampling;
using Qml.Backends.Cpu.Gradients;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Outputs;
using Qml.Backends.Cpu.Simulation;

namespace Qml.Backends.Cpu;

/// <summary>
/// The CPU statevector backend: complex double amplitudes in aligned native memory, SIMD
/// kernels chosen per gate shape, threads over rows or amplitudes, exact expectations,
/// seeded sampling, per-shot trajectories for mid-circuit measurement and adjoint gradients.
/// </summary>
public sealed class CpuStatevectorBackend : IDifferentiableBackend
{
    internal const string DescriptionText = "Statevector simulator on this CPU: complex double, SIMD, multithreaded, adjoint gradients.";

    private readonly CpuBackendSettings _settings;
    private bool _disposed;

    internal CpuStatevectorBackend(CpuBackendSettings settings)
    {
        _settings = settings;
        Info = new BackendInfo(CpuBackendFactory.BackendName, "1.0.0", DescriptionText, CpuCapabilities.Create());
    }

    public BackendInfo Info { get; }

    /// <summary>Threads this instance uses.</summary>
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

    private ExecutionResult Execute(ExecutionRequest original, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var n = original.Circuit.QubitCount;
        var plan = WorkPlan.For(n, original.Rows, _settings.Threads, _settings.ParallelMinQubits);
        var outputs = original.Outputs;
        var trajectories = original.Circuit.HasMidCircuitMeasurement;
        var sampling = outputs.HasFlag(ResultKinds.Samples);

        // Memory first: it is not a capability but a property of this machine, and its message
        // says how many qubits would fit, which the capability check cannot know.
        var perWorker = 1.0 + (trajectories ? 1.0 : 0.0) + (sampling && !trajectories ? 0.5 : 0.0);
        plan.EnsureFits(Info.Name, n, perWorker, ResultSize.StateEquivalents(original, Info.Name));

        var request = RequestValidator.Prepare(original, Info);
        var circuit = request.Circuit;
        var rows = request.Rows;
        var observables = outputs.HasFlag(ResultKinds.Expectations) ? new CompiledObservables(request.Observables) : null;
        var expectations = observables is null ? null : new ResultMatrix<double>(rows, observables.Count);
        var probabilityQubits = request.ResolvedProbabilityQubits.AsSpan().ToArray();
        var probabilities = outputs.HasFlag(ResultKinds.Probabilities) ? new ResultMatrix<double>(rows, 1 << probabilityQubits.Length) : null;
        var samples = sampling ? new SampleTable(rows, request.Shots, CumulativeSampler.OutcomeBits(circuit)) : null;
        var states = outputs.HasFlag(ResultKinds.State) ? new ResultMatrix<Complex>(rows, 1 << n) : null;
        var measurements = CumulativeSampler.MeasurementMap(circuit);

        RowScheduler.ForEachRow(
            rows,
            plan.RowWorkers,
            () => new RowWorker(circuit, plan.AmplitudeThreads, trajectories ? 1 : 0, sampling && !trajectories, _settings.FusionQubits, _settings.CacheBlockQubits),
            (worker, row) =>
            {
                var symbols = request.Bindings.Row(row);
                var simulator = worker.Simulator;
                if (trajectories)
                {
                    new TrajectorySampler(simulator, worker.Extra[0]).SampleRow(circuit, symbols, samples!, row, request.Seed, cancellationToken);
                    return;
                }

                simulator.RunUnitary(circuit, symbols, cancellationToken);
                var state = simulator.State;
                observables?.Evaluate(state, expectations!.Row(row), simulator.Threads);
                if (probabilities is not null)
                {
                    ProbabilityReducer.Marginal(state, probabilityQubits, probabilities.Row(row));
                }

                if (samples is not null)
                {
                    OutcomeSampler.Sample(state, worker.Cumulative, measurements, samples, row, request.Seed);
                }

                if (states is not null)
                {
                    var phase = Complex.FromPolarCoordinates(1.0, circuit.GlobalPhase.Evaluate(symbols));
                    var destination = states.Row(row);
                    state.Amplitudes.CopyTo(destination);
                    if (phase != Complex.One)
                    {
                        foreach (ref var amplitude in destination)
                        {
                            amplitude *= phase;
                        }
                    }
                }
            },
            cancellationToken);

        return new ExecutionResult
        {
            Expectations = expectations,
            Probabilities = probabilities,
            Samples = samples,
            States = states,
            Diagnostics = Diagnose(clock, plan, samples is null ? 0 : (long)rows * request.Shots),
        };
    }

    private GradientResult VectorJacobian(ExecutionRequest original, ResultMatrix<double> upstream, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var n = original.Circuit.QubitCount;
        var plan = WorkPlan.For(n, original.Rows, _settings.Threads, _settings.ParallelMinQubits);

        // ψ and λ are alive together in every worker.
        plan.EnsureFits(Info.Name, n, 2.0, 0.0);
        var request = RequestValidator.PrepareGradient(original, upstream, Info);
        var circuit = request.Circuit;
        var rows = request.Rows;
        var observables = new CompiledObservables(request.Observables);
        var expectations = new ResultMatrix<double>(rows, observables.Count);
        var gradients = new ResultMatrix<double>(rows, circuit.Symbols.Length);

        RowScheduler.ForEachRow(
            rows,
            plan.RowWorkers,
            () => new RowWorker(circuit, plan.AmplitudeThreads, 1, needsCumulative: false, fusionQubits: _settings.FusionQubits, cacheBlockQubits: _settings.CacheBlockQubits),
            (worker, row) => new AdjointDifferentiator(worker.Simulator, worker.Extra[0]).Row(
                circuit,
                request.Bindings.Row(row),
                observables,
                upstream.Row(row),
                expectations.Row(row),
                gradients.Row(row),
                cancellationToken),
            cancellationToken);

        return new GradientResult(expectations, gradients, Diagnose(clock, plan, 0));
    }

    private ExecutionDiagnostics Diagnose(Stopwatch clock, WorkPlan plan, long shots) =>
        new(Info.Name, clock.Elapsed, plan.Threads, shots)
        {
            Details = new Dictionary<string, string>
            {
                ["kernels"] = KernelDispatcher.BestPath.ToString(),
                ["rowWorkers"] = plan.RowWorkers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["amplitudeThreads"] = plan.AmplitudeThreads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
}
