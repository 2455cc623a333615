using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Execution.Sampling;
using Qml.Backends.OpenCL.Device;
using Qml.Backends.OpenCL.Gradients;
using Qml.Backends.OpenCL.Native;
using Qml.Backends.OpenCL.Outputs;
using Qml.Backends.OpenCL.Platform;
using Qml.Backends.OpenCL.Simulation;

namespace Qml.Backends.OpenCL;

/// <summary>
/// The OpenCL statevector backend. A request runs in chunks of rows that share the device: the
/// chunk's states stay on the device from |0…0⟩ through every gate to the reductions, and only
/// the requested results come back. Requests on one instance run one at a time.
/// </summary>
public sealed class OpenClBackend : IDifferentiableBackend
{
    private readonly DeviceContext _device;
    private readonly DeviceBudget _budget;
    private readonly GateRunner _gates;
    private readonly Reductions _reductions;
    private readonly ProbabilityReducer _probabilities;
    private readonly string? _warning;
    private bool _disposed;

    internal OpenClBackend(OpenClDeviceInfo device, bool doublePrecision, string? warning)
    {
        _device = new DeviceContext(device, doublePrecision);
        _budget = new DeviceBudget(device, doublePrecision, OpenClBackendFactory.BackendName);
        _gates = new GateRunner(_device);
        _reductions = new Reductions(_device);
        _probabilities = new ProbabilityReducer(_device, _reductions);
        _warning = warning;
        var precision = doublePrecision ? Precision.Double : Precision.Single;
        Info = new BackendInfo(
            OpenClBackendFactory.BackendName,
            "1.0.0",
            $"{OpenClBackendFactory.DescriptionText} Device: {device}.{(warning is null ? string.Empty : $" Warning: {warning}.")}",
            OpenClCapabilities.Create(_budget.MaxQubits(), precision));
    }

    public BackendInfo Info { get; }

    /// <summary>Name of the device this instance runs on.</summary>
    public string DeviceName => _device.Device.Name;

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Task.Run(() => Guard(() => Execute(request, cancellationToken)), cancellationToken);
    }

    public Task<GradientResult> VectorJacobianAsync(ExecutionRequest request, ResultMatrix<double> upstream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(upstream);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Task.Run(() => Guard(() => VectorJacobian(request, upstream, cancellationToken)), cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_device.Gate)
        {
            _device.Dispose();
        }
    }

    private ExecutionResult Execute(ExecutionRequest original, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var request = RequestValidator.Prepare(original, Info);
        var circuit = request.Circuit;
        var n = circuit.QubitCount;
        var rows = request.Rows;
        var outputs = request.Outputs;
        var probabilityQubits = request.ResolvedProbabilityQubits.AsSpan().ToArray();
        var fullProbabilities = outputs.HasFlag(ResultKinds.Probabilities) && ProbabilityReducer.IsAllInOrder(probabilityQubits, n);
        var sampling = outputs.HasFlag(ResultKinds.Samples);
        ResultLimits.Check(request, Info.Name);
        var gates = PlannedGate.Fuse(circuit.Operations);
        var wide = GateRunner.NeedsWideScratch(gates);
        var chunk = _budget.RowsPerChunk(
            n,
            rows,
            wide ? 2.0 : 1.0,
            sampling || fullProbabilities ? 1.0 : 0.0,
            wide ? "a state vector and the scratch of an out-of-place unitary per row" : "one state vector per row");
        var expectations = outputs.HasFlag(ResultKinds.Expectations) ? new ResultMatrix<double>(rows, request.Observables.Length) : null;
        var probabilities = outputs.HasFlag(ResultKinds.Probabilities) ? new ResultMatrix<double>(rows, 1 << probabilityQubits.Length) : null;
        var samples = sampling ? new SampleTable(rows, request.Shots, CumulativeSampler.OutcomeBits(circuit)) : null;
        var states = outputs.HasFlag(ResultKinds.State) ? new ResultMatrix<Complex>(rows, 1 << n) : null;
        var measurements = CumulativeSampler.MeasurementMap(circuit);
        var size = 1UL << n;

        lock (_device.Gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var state = _device.Allocate((ulong)chunk * _budget.StateBytes(n));
            using var scratch = wide ? _device.Allocate((ulong)chunk * _budget.StateBytes(n)) : null;
            using var probabilityBuffer = sampling || fullProbabilities ? _device.Allocate((ulong)chunk * size * (ulong)_device.RealBytes) : null;
            using var terms = expectations is null ? null : PauliTerms.Compile(request.Observables).Upload(_device);
            using var expectationScratch = terms is null ? null : new ExpectationScratch(_device, _reductions, n, chunk, terms);
            var cumulative = sampling ? new double[size] : [];
            for (var first = 0; first < rows; first += chunk)
            {
                var count = Math.Min(chunk, rows - first);
                using var table = MatrixTable.Build(_device, gates, request.Bindings, first, count, gradient: false);
                _gates.SetZeroState(state, n, count);
                _gates.Forward(state, scratch, n, count, gates, table, cancellationToken);
                if (expectationScratch is not null)
                {
                    expectationScratch.Evaluate(state, count, expectations!, first);
                }

                if (probabilities is not null)
                {
                    var destination = probabilities.Values.AsSpan(first * probabilities.Columns, count * probabilities.Columns);
                    if (fullProbabilities)
                    {
                        _probabilities.All(state, n, count, probabilityBuffer!);
                        ComplexUpload.ReadReal(_device, probabilityBuffer!, destination);
                    }
                    else
                    {
                        using var marginal = _device.Allocate((ulong)destination.Length * (ulong)_device.RealBytes);
                        _probabilities.Marginal(state, n, count, probabilityQubits, marginal);
                        ComplexUpload.ReadReal(_device, marginal, destination);
                    }
                }

                if (samples is not null)
                {
                    if (!fullProbabilities)
                    {
                        _probabilities.All(state, n, count, probabilityBuffer!);
                    }

                    for (var row = 0; row < count; row++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        ComplexUpload.ReadReal(_device, probabilityBuffer!, cumulative, (ulong)row * size);
                        OutcomeSampler.Sample(cumulative, measurements, samples, first + row, request.Seed);
                    }
                }

                if (states is not null)
                {
                    var destination = states.Values.AsSpan(first * states.Columns, count * states.Columns);
                    ComplexUpload.ReadComplex(_device, state, destination);
                    ApplyGlobalPhase(circuit, request.Bindings, first, count, destination, states.Columns);
                }
            }

            _device.Finish();
        }

        return new ExecutionResult
        {
            Expectations = expectations,
            Probabilities = probabilities,
            Samples = samples,
            States = states,
            Diagnostics = Diagnose(clock, samples is null ? 0 : (long)rows * request.Shots, chunk),
        };
    }

    private GradientResult VectorJacobian(ExecutionRequest original, ResultMatrix<double> upstream, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var request = RequestValidator.PrepareGradient(original, upstream, Info);
        var n = request.Circuit.QubitCount;

        // ψ, λ and the ∂U|ψ⟩ scratch are alive together for every row of a chunk (a fourth
        // state when a unitary wider than two qubits runs out of place).
        var wide = GateRunner.NeedsWideScratch(request.Circuit.Operations.Select(PlannedGate.For));
        var chunk = _budget.RowsPerChunk(n, request.Rows, wide ? 4.0 : 3.0, 0.0, "the adjoint method's state vectors per row (ψ, λ, ∂U|ψ⟩)");
        GradientResult result;
        lock (_device.Gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            result = new AdjointVjp(_device, _gates, _reductions, _budget).Run(request, upstream, chunk, cancellationToken);
        }

        return result with { Diagnostics = Diagnose(clock, 0, chunk) };
    }

    private static void ApplyGlobalPhase(Abstractions.Circuits.Circuit circuit, BindingTable bindings, int first, int count, Span<Complex> states, int length)
    {
        for (var row = 0; row < count; row++)
        {
            var phase = Complex.FromPolarCoordinates(1.0, circuit.GlobalPhase.Evaluate(bindings.Row(first + row)));
            if (phase == Complex.One)
            {
                continue;
            }

            foreach (ref var amplitude in states.Slice(row * length, length))
            {
                amplitude *= phase;
            }
        }
    }

    private ExecutionDiagnostics Diagnose(Stopwatch clock, long shots, int chunk)
    {
        var details = new Dictionary<string, string>
        {
            ["device"] = _device.Device.Name,
            ["platform"] = _device.Device.PlatformName,
            ["precision"] = _device.DoublePrecision ? "double" : "single",
            ["rowsPerChunk"] = chunk.ToString(CultureInfo.InvariantCulture),
        };
        if (_warning is not null)
        {
            details["warning"] = _warning;
        }

        return new ExecutionDiagnostics(Info.Name, clock.Elapsed, 1, shots) { Details = details };
    }

    /// <summary>Reports device failures as backend errors naming the device.</summary>
    private T Guard<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (OpenClCallException e)
        {
            throw new BackendException(Info.Name, $"device [{_device.Device.Index}] '{_device.Device.Name}': {e.Message}", e);
        }
    }
}
