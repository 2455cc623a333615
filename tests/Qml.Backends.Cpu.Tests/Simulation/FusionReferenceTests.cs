using System.Globalization;
using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Backends.Conformance;

namespace Qml.Backends.Cpu.Tests.Simulation;

/// <summary>
/// Blocks of 3 and 4 fused qubits against the conformance suite's reference simulator and the
/// unfused backend, on random circuits of 1..12 qubits with every gate kind and unitaries of 1..4
/// qubits, whose gates crowd onto a sliding window of four qubits so blocks fill up, both at the
/// bottom (qubits 0..2, inside a SIMD register) and high up. Single- and multithreaded (the
/// amplitudes of each block split over threads). In the "Kernels" category, so the child runs
/// with AVX-512 and AVX2 switched off repeat it on the narrower paths. Cache blocking is forced
/// with small chunks so the queued, chunk-by-chunk application runs on these small states.
/// </summary>
[Category("Kernels")]
public sealed class FusionReferenceTests
{
    private const double Tolerance = 1e-12;

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var width in new[] { "3", "4" })
        {
            for (var n = 1; n <= 12; n++)
            {
                yield return new TestCaseData(width, n, n % 2 == 0 ? 2 : 1).SetArgDisplayNames($"fusion={width}", $"{n} qubits", $"{(n % 2 == 0 ? 2 : 1)} threads");
            }
        }

        yield return new TestCaseData("3", 9, 1).SetArgDisplayNames("fusion=3", "9 qubits", "1 thread, odd chunking");
        yield return new TestCaseData("4", 10, 3).SetArgDisplayNames("fusion=4", "10 qubits", "3 threads");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task FusedBlocksMatchTheReferenceAndTheUnfusedBackend(string width, int n, int threads)
    {
        var random = new Random((n * 17) + width[0]);
        var circuit = Windowed(random, n, depth: 160);
        var rows = RandomCircuits.Bindings(random, 2, circuit.Symbols.Length);
        var request = new ExecutionRequest { Circuit = circuit, Bindings = BindingTable.FromRows(rows), Outputs = ResultKinds.State };
        using var fused = Create(width, threads);
        using var unfused = Create("off", threads);
        var a = await fused.ExecuteAsync(request);
        var b = await unfused.ExecuteAsync(request);
        for (var row = 0; row < rows.Length; row++)
        {
            var reference = ReferenceSimulator.Run(circuit, rows[row]);
            Assert.That(MaxDifference(a.States!.Row(row), reference), Is.LessThan(Tolerance), $"fused vs reference, row {row}");
            Assert.That(MaxDifference(a.States!.Row(row), b.States!.Row(row)), Is.LessThan(Tolerance), $"fused vs unfused, row {row}");
        }
    }

    [TestCase(3, 8, 5, 1)]
    [TestCase(3, 11, 6, 2)]
    [TestCase(4, 9, 4, 2)]
    [TestCase(4, 12, 7, 1)]
    [TestCase(4, 10, 5, 3)]
    public async Task CacheBlockedBlocksMatchTheReference(int width, int n, int chunkQubits, int threads)
    {
        // Chunks of 2^chunkQubits amplitudes: blocks below them are queued and applied chunk by chunk, the rest drain the queue.
        var random = new Random((n * 31) + chunkQubits);
        var circuit = Windowed(random, n, depth: 200);
        var rows = RandomCircuits.Bindings(random, 2, circuit.Symbols.Length);
        using var blocked = new CpuStatevectorBackend(new CpuBackendSettings(threads, 4, width, chunkQubits));
        var result = await blocked.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Bindings = BindingTable.FromRows(rows), Outputs = ResultKinds.State });
        for (var row = 0; row < rows.Length; row++)
        {
            Assert.That(MaxDifference(result.States!.Row(row), ReferenceSimulator.Run(circuit, rows[row])), Is.LessThan(Tolerance), $"row {row}");
        }
    }

    [TestCase("3")]
    [TestCase("4")]
    public async Task TheConformanceGeneratorsCircuitsMatchTheReference(string width)
    {
        // Every named kind at least once, barriers and unitaries at random places, on 6 qubits.
        var random = new Random(width[0]);
        var circuit = RandomCircuits.Create(random, 6, [.. RandomCircuits.NamedGates.Select(d => d.Kind)], 2, 2, 60, withUnitaries: true);
        var rows = RandomCircuits.Bindings(random, 3, circuit.Symbols.Length);
        using var fused = Create(width, threads: 2);
        var result = await fused.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Bindings = BindingTable.FromRows(rows), Outputs = ResultKinds.State });
        for (var row = 0; row < rows.Length; row++)
        {
            Assert.That(MaxDifference(result.States!.Row(row), ReferenceSimulator.Run(circuit, rows[row])), Is.LessThan(Tolerance), $"row {row}");
        }
    }

    private static CpuStatevectorBackend Create(string fusion, int threads) =>
        (CpuStatevectorBackend)new CpuBackendFactory().Create(
            BackendOptions.Default
                .With("threads", threads.ToString(CultureInfo.InvariantCulture))
                .With("parallel-min-qubits", "4")
                .With("fusion", fusion));

    /// <summary>An entangling layer, then gates of every named kind and unitaries on 1..4 qubits drawn from a window of four qubits that jumps now and then.</summary>
    private static Circuit Windowed(Random random, int n, int depth)
    {
        var kinds = RandomCircuits.NamedGates;

        // From a generic entangled state, so no part of a block's work lands on zero amplitudes only.
        var operations = new List<Operation>(RandomCircuits.EntanglingLayer(n, random.Next(1000)));
        var window = 0;
        for (var i = 0; i < depth; i++)
        {
            if (random.Next(12) == 0)
            {
                // Half the jumps land on the register's bottom, where blocks hold in-register qubits.
                window = random.Next(2) == 0 ? 0 : random.Next(Math.Max(1, n - 3));
            }

            var pool = Enumerable.Range(window, Math.Min(4, n - window)).ToArray();
            if (random.Next(10) == 0)
            {
                var size = 1 + random.Next(pool.Length);
                operations.Add(Operation.Unitary(RandomUnitaries.Create(random, size), Pick(random, pool, size)));
                continue;
            }

            var definition = kinds[random.Next(kinds.Count)];
            if (definition.QubitCount > pool.Length)
            {
                continue;
            }

            var angles = Enumerable.Range(0, definition.AngleCount).Select(_ => RandomCircuits.AffineAngle(random, 3)).ToArray();
            operations.Add(Operation.Gate(definition.Kind, Pick(random, pool, definition.QubitCount), angles));
        }

        return new Circuit(n, 0, RandomCircuits.Symbols(1, 2), operations, RandomCircuits.AffineAngle(random, 3));
    }

    private static int[] Pick(Random random, int[] pool, int count) => [.. pool.OrderBy(_ => random.Next()).Take(count)];

    private static double MaxDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Complex.Abs(a[i] - b[i]));
        }

        return max;
    }
}
