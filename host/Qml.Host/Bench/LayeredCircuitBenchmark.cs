using System.Diagnostics;
using System.Globalization;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Host.Cli;

namespace Qml.Host.Bench;

/// <summary>One row of the layered-circuit benchmark.</summary>
internal sealed record LayeredBenchmarkRow(
    string Backend,
    int Qubits,
    int Threads,
    int Layers,
    int Gates,
    double MillisecondsPerGate,
    double GateBandwidthGBps,
    double ReadModifyWriteGBps,
    double FractionOfReadModifyWrite);

/// <summary>
/// Times the layered circuit (RX, RZ on every qubit, then a CNOT ladder) on a backend. The
/// time per gate subtracts a run of the empty circuit (allocation, initialisation, readout),
/// and the gate's bandwidth counts 2^n × 16 bytes read and written per gate.
/// </summary>
internal static class LayeredCircuitBenchmark
{
    public static async Task<LayeredBenchmarkRow> RunAsync(
        IBackendFactory factory,
        BackendOptions baseOptions,
        int qubits,
        int threads,
        int layers,
        int repeats,
        CancellationToken cancellationToken)
    {
        var options = baseOptions.With("threads", threads.ToString(CultureInfo.InvariantCulture));
        using var backend = factory.Create(options);
        var layered = DemoCircuits.Layered(qubits, layers);
        var empty = layered.WithOperations([]);
        var gates = layered.Operations.Length;

        // Warm the JIT on a small instance of the same circuit until its kernels are optimised.
        var warmUp = DemoCircuits.Layered(Math.Min(qubits, 14), 2);
        for (var i = 0; i < 30; i++)
        {
            await RunOnceAsync(backend, warmUp, cancellationToken).ConfigureAwait(false);
        }

        var best = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            var baseline = await RunOnceAsync(backend, empty, cancellationToken).ConfigureAwait(false);
            var full = await RunOnceAsync(backend, layered, cancellationToken).ConfigureAwait(false);
            best = Math.Min(best, Math.Max(full - baseline, 1e-9) / gates);
        }

        var stateBytes = Math.Pow(2, qubits) * 16.0;
        var gateBandwidth = 2.0 * stateBytes / best;
        // States under a page (fewer than 8 qubits) are compared with a one-page sweep, the smallest the probe takes.
        var memory = MemoryBandwidth.MeasureReadModifyWrite(Math.Max((long)stateBytes, 4096L), threads, repeats: 3);
        return new LayeredBenchmarkRow(
            factory.Name,
            qubits,
            threads,
            layers,
            gates,
            best * 1e3,
            gateBandwidth / 1e9,
            memory / 1e9,
            gateBandwidth / memory);
    }

    private static async Task<double> RunOnceAsync(IBackend backend, Abstractions.Circuits.Circuit circuit, CancellationToken cancellationToken)
    {
        var request = new ExecutionRequest { Circuit = circuit, Observables = [Observable.Z(0)], Outputs = ResultKinds.Expectations };
        var watch = Stopwatch.StartNew();
        await backend.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        return watch.Elapsed.TotalSeconds;
    }
}
