using System.Collections.Immutable;
using System.Globalization;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;
using Qml.Backends.Cpu.Tests.Support;

namespace Qml.Backends.Cpu.Tests.Simulation;

/// <summary>Fused (blocks of 2, 3 and 4 qubits) and unfused forward passes give the same states, samples and gradients.</summary>
public sealed class GateFusionTests
{
    private static readonly Symbol[] Symbols = [new("x", SymbolRole.Input), new("w", SymbolRole.Weight)];

    private static readonly BindingTable Bindings = BindingTable.FromRows([[0.3, -1.1], [1.7, 0.4], [-0.2, 2.5]]);

    private static readonly string[] Widths = ["2", "3", "4"];

    [TestCase(2, 1, 1)]
    [TestCase(3, 1, 2)]
    [TestCase(5, 1, 3)]
    [TestCase(7, 2, 4)]
    [TestCase(13, 2, 5)]
    public async Task FusedStatesEqualUnfusedOnDenseRandomCircuits(int n, int threads, int seed)
    {
        // Gates crowded onto few qubits fuse the most: long 1-qubit runs, pairs in both orders.
        var random = new Random(seed);
        for (var trial = 0; trial < 4; trial++)
        {
            var circuit = Crowded(random, n, 200, fences: false);
            foreach (var width in Widths)
            {
                await AssertSameStates(circuit, threads, width);
            }
        }
    }

    [TestCase(4, 11)]
    [TestCase(9, 12)]
    [TestCase(15, 13)]
    public async Task FusedStatesEqualUnfusedOnRandomCircuitsOfEveryGate(int n, int seed)
    {
        var circuit = TestCircuits.Random(new Random(seed), n, 120);
        foreach (var width in Widths)
        {
            await AssertSameStates(circuit, threads: 2, width);
        }
    }

    [Test]
    public async Task BarriersAndTerminalMeasurementsFenceTheFusion()
    {
        var random = new Random(21);
        var circuit = Crowded(random, 6, 150, fences: true, conditions: false, resets: false);
        var terminal = new Circuit(
            circuit.QubitCount,
            6,
            circuit.Symbols,
            [.. circuit.Operations.Where(o => o.Kind != OperationKind.Measure), .. Enumerable.Range(0, 6).Select(q => Operation.Measure(q, q))],
            circuit.GlobalPhase);
        Assert.That(terminal.HasMidCircuitMeasurement, Is.False);
        foreach (var width in Widths)
        {
            await AssertSameStates(terminal, threads: 1, width);
        }
    }

    [TestCase(4, 31, "2")]
    [TestCase(6, 32, "2")]
    [TestCase(4, 31, "3")]
    [TestCase(6, 32, "4")]
    public async Task MidCircuitMeasurementsResetsAndConditionsGiveTheSameSamples(int n, int seed, string width)
    {
        var random = new Random(seed);
        var circuit = Crowded(random, n, 120, fences: true);
        Assert.That(circuit.HasMidCircuitMeasurement, Is.True);
        var request = new ExecutionRequest { Circuit = circuit, Bindings = Bindings, Outputs = ResultKinds.Samples, Shots = 64, Seed = 7 };
        using var fused = Create(width);
        using var unfused = Create("off");
        var a = await fused.ExecuteAsync(request);
        var b = await unfused.ExecuteAsync(request);
        Assert.That(a.Samples!.Words, Is.EqualTo(b.Samples!.Words));
    }

    [TestCase("2")]
    [TestCase("3")]
    [TestCase("4")]
    public async Task AdjointGradientsAreUnchangedByFusion(string width)
    {
        var circuit = Crowded(new Random(41), 5, 80, fences: false);
        var request = new ExecutionRequest { Circuit = circuit, Bindings = Bindings, Observables = [Observable.Parse("Z0 + 0.5*X1 Y2 - Z3 Z4")] };
        var upstream = new ResultMatrix<double>(Bindings.Rows, 1);
        for (var row = 0; row < Bindings.Rows; row++)
        {
            upstream[row, 0] = 1.0 + row;
        }

        using var fused = Create(width);
        using var unfused = Create("off");
        var a = await fused.VectorJacobianAsync(request, upstream);
        var b = await unfused.VectorJacobianAsync(request, upstream);
        for (var row = 0; row < Bindings.Rows; row++)
        {
            Assert.That(Max(a.Expectations.Row(row), b.Expectations.Row(row)), Is.LessThan(1e-12));
            Assert.That(Max(a.SymbolGradients.Row(row), b.SymbolGradients.Row(row)), Is.LessThan(1e-12));
        }
    }

    [TestCase("on")]
    [TestCase("2")]
    [TestCase("4")]
    public async Task FusedStatesMatchTheOracle(string width)
    {
        var circuit = Crowded(new Random(51), 4, 150, fences: false);
        using var backend = Create(width);
        var result = await backend.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Bindings = Bindings, Outputs = ResultKinds.State });
        for (var row = 0; row < Bindings.Rows; row++)
        {
            Assert.That(NaiveStatevector.MaxDifference(result.States!.Row(row), NaiveStatevector.Run(circuit, Bindings.Row(row))), Is.LessThan(1e-10));
        }
    }

    [TestCase("maybe")]
    [TestCase("1")]
    [TestCase("5")]
    public void BadFusionValueIsRefused(string value) =>
        Assert.That(
            () => new CpuBackendFactory().Create(BackendOptions.Default.With("fusion", value)),
            Throws.InstanceOf<QmlException>().With.Message.Contains($"fusion={value}"));

    [TestCase("on")]
    [TestCase("OFF")]
    [TestCase("2")]
    [TestCase("3")]
    [TestCase("4")]
    public void FusionValuesAreAccepted(string value) =>
        Assert.That(() => new CpuBackendFactory().Create(BackendOptions.Default.With("fusion", value)).Dispose(), Throws.Nothing);

    [Test]
    public async Task CacheBlockQubitsOptionIsParsedAndKeepsTheStates()
    {
        // 9 qubits in chunks of 2^5 amplitudes through the public option: the states of the unfused pass.
        var options = BackendOptions.Default.With("fusion", "3").With("cache-block-qubits", "5").With("threads", "2").With("parallel-min-qubits", "6");
        Assert.That(CpuBackendSettings.Parse(options).CacheBlockQubits, Is.EqualTo(5));
        Assert.That(CpuBackendSettings.Parse(BackendOptions.Default).CacheBlockQubits, Is.EqualTo(18));
        var circuit = Crowded(new Random(61), 9, 200, fences: false);
        var request = new ExecutionRequest { Circuit = circuit, Bindings = Bindings, Outputs = ResultKinds.State };
        using var blocked = new CpuBackendFactory().Create(options);
        using var unfused = Create("off");
        var a = await blocked.ExecuteAsync(request);
        var b = await unfused.ExecuteAsync(request);
        for (var row = 0; row < Bindings.Rows; row++)
        {
            Assert.That(NaiveStatevector.MaxDifference(a.States!.Row(row), b.States!.Row(row)), Is.LessThan(1e-12), $"row {row}");
        }
    }

    [TestCase("3")]
    [TestCase("31")]
    [TestCase("many")]
    public void BadCacheBlockQubitsAreRefused(string value) =>
        Assert.That(
            () => new CpuBackendFactory().Create(BackendOptions.Default.With("cache-block-qubits", value)),
            Throws.InstanceOf<QmlException>().With.Message.Contains($"cache-block-qubits={value}"));

    private static async Task AssertSameStates(Circuit circuit, int threads, string width)
    {
        var request = new ExecutionRequest { Circuit = circuit, Bindings = Bindings, Outputs = ResultKinds.State };
        using var fused = Create(width, threads);
        using var unfused = Create("off", threads);
        var a = await fused.ExecuteAsync(request);
        var b = await unfused.ExecuteAsync(request);
        for (var row = 0; row < Bindings.Rows; row++)
        {
            Assert.That(NaiveStatevector.MaxDifference(a.States!.Row(row), b.States!.Row(row)), Is.LessThan(1e-12), $"fusion={width}, row {row}");
        }
    }

    private static double Max(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    private static CpuStatevectorBackend Create(string fusion, int threads = 2) =>
        (CpuStatevectorBackend)new CpuBackendFactory().Create(
            BackendOptions.Default
                .With("threads", threads.ToString(CultureInfo.InvariantCulture))
                .With("parallel-min-qubits", "6")
                .With("fusion", fusion));

    /// <summary>
    /// Random gates of every kind whose qubits come mostly from a sliding window of three, so
    /// runs fuse; with <paramref name="fences"/> also barriers, measurements, resets and
    /// conditioned gates in between.
    /// </summary>
    private static Circuit Crowded(Random random, int n, int depth, bool fences, bool conditions = true, bool resets = true)
    {
        var operations = new List<Operation>();
        var window = 0;
        for (var i = 0; i < depth; i++)
        {
            if (random.Next(10) == 0)
            {
                window = random.Next(Math.Max(1, n - 2));
            }

            var pool = Enumerable.Range(window, Math.Min(3, n - window)).ToArray();
            if (fences && random.Next(12) == 0)
            {
                var q = pool[random.Next(pool.Length)];
                switch (random.Next(resets ? 3 : 2))
                {
                    case 0: operations.Add(Operation.Barrier(pool)); break;
                    case 1: operations.Add(Operation.Measure(q, q)); break;
                    default: operations.Add(Operation.Reset(q)); break;
                }

                continue;
            }

            Operation operation;
            if (random.Next(9) == 0)
            {
                var width = 1 + random.Next(Math.Min(3, pool.Length));
                var on = pool.OrderBy(_ => random.Next()).Take(width).ToArray();
                operation = Operation.Unitary(new UnitaryMatrix(NaiveStatevector.RandomUnitary(random, width)), on);
            }
            else
            {
                var kind = TestCircuits.NamedGates[random.Next(TestCircuits.NamedGates.Length)];
                var definition = GateDefinition.Of(kind);
                if (definition.QubitCount > pool.Length)
                {
                    continue;
                }

                var qubits = pool.OrderBy(_ => random.Next()).Take(definition.QubitCount).ToArray();
                var angles = Enumerable.Range(0, definition.AngleCount).Select(_ => TestCircuits.RandomAngle(random)).ToArray();
                operation = Operation.Gate(kind, qubits, angles);
            }

            if (fences && conditions && random.Next(10) == 0)
            {
                operation = operation.WithCondition(new ClassicalCondition(ImmutableArray.Create(random.Next(n)), (ulong)random.Next(2)));
            }

            operations.Add(operation);
        }

        return new Circuit(n, n, Symbols, operations, globalPhase: Angle.FromSymbol(0, 0.3, 0.1));
    }
}
