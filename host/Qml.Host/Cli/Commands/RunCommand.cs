using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Qml.Abstractions.Execution;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml run</c>: runs a built-in circuit on a backend and prints outcome probabilities,
/// expectation values, seeded samples and timing.
/// </summary>
internal static class RunCommand
{
    private const int MaxPrintedOutcomes = 16;

    public static Command Create()
    {
        var backend = new BackendSelection();
        var circuitOption = new Option<string>("--circuit", "-c")
        {
            Description = $"Built-in circuit: {string.Join(", ", DemoCircuits.Names)}.",
            DefaultValueFactory = _ => "ghz",
        };
        var qubitsOption = new Option<int>("--qubits", "-n") { Description = "Qubits of the built-in circuit.", DefaultValueFactory = _ => 4 };
        var layersOption = new Option<int>("--layers") { Description = "Layers of the layered circuit.", DefaultValueFactory = _ => 2 };
        var shotsOption = new Option<int>("--shots") { Description = "Shots to sample (0: none).", DefaultValueFactory = _ => 1000 };
        var seedOption = new Option<ulong>("--seed") { Description = "Sampler seed.", DefaultValueFactory = _ => 7UL };

        var command = new Command("run", "Run a built-in circuit and print probabilities, expectations, samples and timing.");
        backend.AddTo(command);
        command.Options.Add(circuitOption);
        command.Options.Add(qubitsOption);
        command.Options.Add(layersOption);
        command.Options.Add(shotsOption);
        command.Options.Add(seedOption);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var total = Stopwatch.StartNew();
            var shots = parseResult.GetValue(shotsOption);
            if (shots < 0)
            {
                throw new Abstractions.QmlException($"--shots {shots} is invalid: use 0 (no samples) or a positive count.");
            }

            var (circuit, observables) = DemoCircuits.Create(
                parseResult.GetValue(circuitOption)!,
                parseResult.GetValue(qubitsOption),
                parseResult.GetValue(layersOption));
            using var session = HostSession.Open(parseResult);
            using var engine = session.CreateBackend(backend.Name(parseResult), backend.Options(parseResult));
            var outputs = ResultKinds.Expectations | (circuit.QubitCount <= 20 ? ResultKinds.Probabilities : ResultKinds.None);
            var request = new ExecutionRequest { Circuit = circuit, Observables = [.. observables], Outputs = outputs };
            var exact = await engine.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            ExecutionResult? sampled = null;
            if (shots > 0)
            {
                var sampling = request with { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = shots, Seed = parseResult.GetValue(seedOption) };
                sampled = await engine.ExecuteAsync(sampling, cancellationToken).ConfigureAwait(false);
            }

            total.Stop();
            var report = RunReport.From(engine.Info, circuit, observables, exact, sampled, parseResult.GetValue(seedOption), total.Elapsed);
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(report);
            }
            else
            {
                Print(report);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(RunReport report)
    {
        Console.WriteLine($"Circuit {report.Circuit}: {report.Qubits} qubits, {report.Operations} operations on backend '{report.Backend}' {report.BackendVersion}");
        if (report.Probabilities.Count > 0)
        {
            var table = new TableWriter("OUTCOME", "PROBABILITY");
            foreach (var (outcome, probability) in report.Probabilities.Take(MaxPrintedOutcomes))
            {
                table.Add(outcome, probability.ToString("F6", CultureInfo.InvariantCulture));
            }

            Console.WriteLine();
            Console.WriteLine($"Outcome probabilities (bit 0 rightmost; {report.Probabilities.Count} nonzero{(report.Probabilities.Count > MaxPrintedOutcomes ? $", top {MaxPrintedOutcomes} shown" : string.Empty)}):");
            Console.Write(table);
        }

        var expectations = new TableWriter("OBSERVABLE", "EXPECTATION");
        foreach (var (observable, value) in report.Expectations)
        {
            expectations.Add(observable, value.ToString("F6", CultureInfo.InvariantCulture));
        }

        Console.WriteLine();
        Console.WriteLine("Expectation values (exact):");
        Console.Write(expectations);
        if (report.Counts is { } counts)
        {
            var table = new TableWriter("OUTCOME", "COUNT");
            foreach (var (outcome, count) in counts.OrderByDescending(c => c.Value).Take(MaxPrintedOutcomes))
            {
                table.Add(outcome, count.ToString(CultureInfo.InvariantCulture));
            }

            Console.WriteLine();
            Console.WriteLine($"Samples ({report.Shots} shots, seed {report.Seed}):");
            Console.Write(table);
        }

        Console.WriteLine();
        Console.WriteLine(
            $"Time: exact {report.ExactMilliseconds.ToString("F3", CultureInfo.InvariantCulture)} ms, "
            + $"sampling {report.SamplingMilliseconds.ToString("F3", CultureInfo.InvariantCulture)} ms, "
            + $"total {report.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms including plugin loading and JIT");
    }

    private sealed record OutcomeProbability(string Outcome, double Probability);

    private sealed record ExpectationValue(string Observable, double Value);

    private sealed record RunReport(
        string Backend,
        string BackendVersion,
        string Circuit,
        int Qubits,
        int Operations,
        IReadOnlyList<OutcomeProbability> Probabilities,
        IReadOnlyList<ExpectationValue> Expectations,
        int Shots,
        ulong Seed,
        IReadOnlyDictionary<string, int>? Counts,
        double ExactMilliseconds,
        double SamplingMilliseconds,
        double TotalMilliseconds)
    {
        public static RunReport From(
            BackendInfo info,
            Abstractions.Circuits.Circuit circuit,
            Abstractions.Observables.Observable[] observables,
            ExecutionResult exact,
            ExecutionResult? sampled,
            ulong seed,
            TimeSpan total)
        {
            var probabilities = new List<OutcomeProbability>();
            if (exact.Probabilities is { } p)
            {
                for (var outcome = 0; outcome < p.Columns; outcome++)
                {
                    if (p[0, outcome] > 1e-12)
                    {
                        probabilities.Add(new(Convert.ToString(outcome, 2).PadLeft(circuit.QubitCount, '0'), p[0, outcome]));
                    }
                }

                probabilities.Sort((a, b) => b.Probability.CompareTo(a.Probability));
            }

            var expectations = observables.Select((o, i) => new ExpectationValue(o.ToString(), exact.Expectations![0, i])).ToList();
            return new RunReport(
                info.Name,
                info.Version,
                circuit.Name ?? "circuit",
                circuit.QubitCount,
                circuit.Operations.Length,
                probabilities,
                expectations,
                sampled?.Samples?.Shots ?? 0,
                seed,
                sampled?.Samples?.Counts(0),
                exact.Diagnostics.Elapsed.TotalMilliseconds,
                sampled?.Diagnostics.Elapsed.TotalMilliseconds ?? 0,
                total.TotalMilliseconds);
        }
    }
}
