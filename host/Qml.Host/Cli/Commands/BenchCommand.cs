using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Qml.Abstractions;
using Qml.Host.Bench;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml bench</c>: the layered-circuit benchmark of docs/benchmarks.md, reporting time per
/// gate and effective bandwidth beside the in-place read-modify-write bandwidth measured in
/// the same run.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var backend = new BackendSelection();
        var qubitsOption = new Option<int[]>("--qubits", "-n")
        {
            Description = "Qubit counts (repeatable or comma-separated).",
            DefaultValueFactory = _ => [20, 24, 26, 28],
            CustomParser = ParseList,
            AllowMultipleArgumentsPerToken = true,
        };
        var threadsOption = new Option<int[]>("--threads", "-t")
        {
            Description = "Thread counts (repeatable or comma-separated).",
            DefaultValueFactory = _ => [1, 2],
            CustomParser = ParseList,
            AllowMultipleArgumentsPerToken = true,
        };
        var layersOption = new Option<int>("--layers") { Description = "Layers of the circuit.", DefaultValueFactory = _ => 10 };
        var repeatsOption = new Option<int>("--repeat") { Description = "Repetitions; the best is kept.", DefaultValueFactory = _ => 1 };

        var command = new Command("bench", "Benchmark the layered circuit (RX, RZ on every qubit, CNOT ladder) against memory bandwidth.");
        backend.AddTo(command);
        command.Options.Add(qubitsOption);
        command.Options.Add(threadsOption);
        command.Options.Add(layersOption);
        command.Options.Add(repeatsOption);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var layers = parseResult.GetValue(layersOption);
            var repeats = parseResult.GetValue(repeatsOption);
            if (layers < 1 || repeats < 1)
            {
                throw new QmlException($"--layers {layers} and --repeat {repeats} must both be at least 1.");
            }

            using var session = HostSession.Open(parseResult);

            // Several backends (-b cpu,opencl) are measured in one run, so their figures compare.
            var factories = backend.Name(parseResult).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(session.FindBackend).ToList();
            var json = parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json;
            var rows = new List<LayeredBenchmarkRow>();
            if (!json)
            {
                Console.WriteLine($"Layered circuit, {layers} layers (RX, RZ on every qubit, CNOT ladder); bandwidth counts 2^n x 16 B read + written per gate.");
                Console.WriteLine("BACKEND  QUBITS  THREADS  GATES  MS/GATE     GATE GB/S  RMW GB/S  % OF RMW");
            }

            foreach (var qubits in parseResult.GetValue(qubitsOption)!)
            {
                foreach (var factory in factories)
                {
                    foreach (var threads in parseResult.GetValue(threadsOption)!)
                    {
                        var row = await LayeredCircuitBenchmark.RunAsync(factory, backend.Options(parseResult), qubits, threads, layers, repeats, cancellationToken).ConfigureAwait(false);
                        rows.Add(row);
                        if (!json)
                        {
                            Console.WriteLine(string.Create(
                                CultureInfo.InvariantCulture,
                                $"{row.Backend,-7}  {row.Qubits,6}  {row.Threads,7}  {row.Gates,5}  {row.MillisecondsPerGate,10:F3}  {row.GateBandwidthGBps,9:F1}  {row.ReadModifyWriteGBps,8:F1}  {row.FractionOfReadModifyWrite * 100,7:F0}%"));
                        }
                    }
                }
            }

            if (json)
            {
                JsonOutput.Write(rows);
            }

            return ExitCodes.Success;
        });
        command.Subcommands.Add(CreateQasm());
        command.Subcommands.Add(CreateGradients());
        command.Subcommands.Add(ModelThroughputBenchmark.Create());
        command.Subcommands.Add(RemoteBenchmark.Create());
        return command;
    }

    /// <summary><c>qml bench gradients</c>: forward vs adjoint, parameter-shift and finite-difference VJPs of one batch.</summary>
    private static Command CreateGradients()
    {
        var backend = new BackendSelection();
        var qubitsOption = new Option<int>("--qubits", "-n") { Description = "Qubits of the hardware-efficient layer.", DefaultValueFactory = _ => 8 };
        var layersOption = new Option<int>("--layers") { Description = "Layers (RY, RZ weights on every qubit, CNOT chain).", DefaultValueFactory = _ => 4 };
        var batchOption = new Option<int>("--batch") { Description = "Rows of the batch.", DefaultValueFactory = _ => 256 };
        var repeatsOption = new Option<int>("--repeat") { Description = "Timed runs after one warm-up; the best is kept.", DefaultValueFactory = _ => 3 };
        var command = new Command("gradients", "Benchmark forward and gradient (adjoint, parameter-shift, finite-diff) of a quantum layer over one batch.");
        backend.AddTo(command);
        command.Options.Add(qubitsOption);
        command.Options.Add(layersOption);
        command.Options.Add(batchOption);
        command.Options.Add(repeatsOption);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var qubits = parseResult.GetValue(qubitsOption);
            var layers = parseResult.GetValue(layersOption);
            var batch = parseResult.GetValue(batchOption);
            var repeats = parseResult.GetValue(repeatsOption);
            if (qubits < 2 || layers < 1 || batch < 1 || repeats < 1)
            {
                throw new QmlException($"--qubits {qubits}, --layers {layers}, --batch {batch}, --repeat {repeats}: need at least 2, 1, 1, 1.");
            }

            using var session = HostSession.Open(parseResult);
            using var engine = session.CreateBackend(backend.Name(parseResult), backend.Options(parseResult));
            var methods = new List<Learning.Quantum.DifferentiationMethod>();
            if (engine is Abstractions.Execution.IDifferentiableBackend)
            {
                methods.Add(Learning.Quantum.DifferentiationMethod.Adjoint);
            }

            methods.Add(Learning.Quantum.DifferentiationMethod.ParameterShift);
            methods.Add(Learning.Quantum.DifferentiationMethod.FiniteDifference);
            var rows = await GradientBenchmark.RunAsync(engine, qubits, layers, batch, repeats, methods, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(rows);
                return ExitCodes.Success;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Hardware-efficient layer: {qubits} qubits, {layers} layers, {rows[0].Symbols} symbols, batch {batch}, backend '{engine.Info.Name}'"));
            Console.WriteLine("METHOD           MS        x FORWARD");
            foreach (var row in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Method,-15}  {row.Milliseconds,8:F2}  {row.RatioToForward,9:F2}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>qml bench qasm</c>: reading a generated N-gate OpenQASM file.</summary>
    private static Command CreateQasm()
    {
        var gatesOption = new Option<int>("--gates") { Description = "Gates in the generated file.", DefaultValueFactory = _ => 100_000 };
        var qubitsOption = new Option<int>("--qubits", "-n") { Description = "Qubits of the generated circuit.", DefaultValueFactory = _ => 20 };
        var repeatsOption = new Option<int>("--repeat") { Description = "Timed reads after one warm-up; best and median are reported.", DefaultValueFactory = _ => 5 };
        var command = new Command("qasm", "Benchmark reading a generated OpenQASM 2.0 and 3 file.");
        command.Options.Add(gatesOption);
        command.Options.Add(qubitsOption);
        command.Options.Add(repeatsOption);
        CommandAction.Set(command, (parseResult, _) =>
        {
            var gates = parseResult.GetValue(gatesOption);
            var qubits = parseResult.GetValue(qubitsOption);
            var repeats = parseResult.GetValue(repeatsOption);
            if (gates < 1 || qubits < 2 || repeats < 1)
            {
                throw new QmlException($"--gates {gates}, --qubits {qubits} and --repeat {repeats} must be at least 1, 2 and 1.");
            }

            var rows = new[] { Qasm.QasmVersion.V2, Qasm.QasmVersion.V3 }.Select(v => QasmReadBenchmark.Run(v, gates, qubits, repeats)).ToList();
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(rows);
                return Task.FromResult(ExitCodes.Success);
            }

            Console.WriteLine("VERSION  GATES    BYTES      BEST MS  MEDIAN MS  GATES/S");
            foreach (var row in rows)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{row.Version,-7}  {row.Gates,-7}  {row.Bytes,-9}  {row.BestMilliseconds,7:F1}  {row.MedianMilliseconds,9:F1}  {row.GatesPerSecond,9:E2}"));
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static int[] ParseList(ArgumentResult result)
    {
        var values = new List<int>();
        foreach (var piece in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(piece, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                result.AddError($"'{piece}' is not a positive integer (write e.g. 20,24,26).");
                return [];
            }

            values.Add(value);
        }

        return [.. values];
    }
}
