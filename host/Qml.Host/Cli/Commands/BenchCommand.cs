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
            var factory = session.FindBackend(backend.Name(parseResult));
            var json = parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json;
            var rows = new List<LayeredBenchmarkRow>();
            if (!json)
            {
                Console.WriteLine($"Layered circuit, {layers} layers (RX, RZ on every qubit, CNOT ladder) on '{factory.Name}'; bandwidth counts 2^n x 16 B read + written per gate.");
                Console.WriteLine("QUBITS  THREADS  GATES  MS/GATE     GATE GB/S  RMW GB/S  % OF RMW");
            }

            foreach (var qubits in parseResult.GetValue(qubitsOption)!)
            {
                foreach (var threads in parseResult.GetValue(threadsOption)!)
                {
                    var row = await LayeredCircuitBenchmark.RunAsync(factory, backend.Options(parseResult), qubits, threads, layers, repeats, cancellationToken).ConfigureAwait(false);
                    rows.Add(row);
                    if (!json)
                    {
                        Console.WriteLine(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{row.Qubits,6}  {row.Threads,7}  {row.Gates,5}  {row.MillisecondsPerGate,10:F3}  {row.GateBandwidthGBps,9:F1}  {row.ReadModifyWriteGBps,8:F1}  {row.FractionOfReadModifyWrite * 100,7:F0}%"));
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
