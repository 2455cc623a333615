using System.Diagnostics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Learning.Quantum;

namespace Qml.Host.Bench;

/// <summary>One gradient method's cost against the forward pass of the same batch.</summary>
internal sealed record GradientBenchmarkRow(string Backend, int Qubits, int Layers, int Batch, int Symbols, string Method, double Milliseconds, double RatioToForward);

/// <summary>
/// Forward and vector-Jacobian product of a hardware-efficient quantum layer (RY encoding of one
/// input per qubit, then per layer RY and RZ weights on every qubit and a CNOT chain; ⟨Z⟩ of every
/// qubit) over one batch: what a training step of a quantum layer costs with each method.
/// </summary>
internal static class GradientBenchmark
{
    public static async Task<IReadOnlyList<GradientBenchmarkRow>> RunAsync(IBackend backend, int qubits, int layers, int batch, int repeats, IReadOnlyList<DifferentiationMethod> methods, CancellationToken cancellationToken)
    {
        var circuit = HardwareEfficient(qubits, layers);
        var random = new Random(3);
        var values = new double[batch * circuit.Symbols.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextDouble() * 2 * Math.PI) - Math.PI;
        }

        var request = new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = new BindingTable(batch, circuit.Symbols.Length, values),
            Observables = [.. Enumerable.Range(0, qubits).Select(Observable.Z)],
        };
        var upstream = new ResultMatrix<double>(batch, qubits, [.. Enumerable.Range(0, batch * qubits).Select(_ => random.NextDouble() - 0.5)]);

        var forward = await BestAsync(repeats, () => backend.ExecuteAsync(request, cancellationToken)).ConfigureAwait(false);
        var rows = new List<GradientBenchmarkRow> { Row("forward", forward) };
        foreach (var method in methods)
        {
            var time = await BestAsync(repeats, () => QuantumGradients.VectorJacobianAsync(backend, request, upstream, method, cancellationToken)).ConfigureAwait(false);
            rows.Add(Row(DifferentiationMethodNames.Name(method), time));
        }

        return rows;

        GradientBenchmarkRow Row(string method, double seconds) =>
            new(backend.Info.Name, qubits, layers, batch, circuit.Symbols.Length, method, seconds * 1e3, seconds / forward);
    }

    /// <summary>RY(x_q) encoding, then per layer RY(w), RZ(w) on every qubit and a CNOT chain.</summary>
    public static Circuit HardwareEfficient(int qubits, int layers)
    {
        var builder = new CircuitBuilder(qubits, name: $"hea{qubits}x{layers}");
        for (var q = 0; q < qubits; q++)
        {
            builder.RY(q, builder.Input($"x{q}"));
        }

        for (var layer = 0; layer < layers; layer++)
        {
            for (var q = 0; q < qubits; q++)
            {
                builder.RY(q, builder.Weight($"w{layer}_{q}_y")).RZ(q, builder.Weight($"w{layer}_{q}_z"));
            }

            for (var q = 0; q + 1 < qubits; q++)
            {
                builder.CX(q, q + 1);
            }
        }

        return builder.Build();
    }

    private static async Task<double> BestAsync<T>(int repeats, Func<Task<T>> run)
    {
        // Small states run short loops: the JIT promotes them to optimised code only after a few
        // dozen calls, so warm up for a while rather than once.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 50 && warmUp.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            await run().ConfigureAwait(false);
        }

        var best = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            await run().ConfigureAwait(false);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }
}
