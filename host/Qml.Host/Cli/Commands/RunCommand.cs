using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml run [FILE.qasm]</c>: runs an OpenQASM file (or a built-in circuit) on a backend and
/// prints exact probabilities and expectation values, seeded sample counts and timing.
/// Terminal measurements shape the samples; exact outputs describe the state before them.
/// </summary>
internal static class RunCommand
{
    private const int MaxPrintedOutcomes = 16;

    /// <summary>Beyond this many qubits the full probability vector is not worth printing or returning.</summary>
    private const int MaxProbabilityQubits = 20;

    public static Command Create()
    {
        var backend = new BackendSelection();
        var fileArgument = new Argument<string?>("file")
        {
            Description = "OpenQASM 2.0 or 3 file; without it a built-in circuit (--circuit) runs.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var circuitOption = new Option<string>("--circuit", "-c")
        {
            Description = $"Built-in circuit when no file is given: {string.Join(", ", DemoCircuits.Names)}.",
            DefaultValueFactory = _ => "ghz",
        };
        var qubitsOption = new Option<int>("--qubits", "-n") { Description = "Qubits of the built-in circuit.", DefaultValueFactory = _ => 4 };
        var layersOption = new Option<int>("--layers") { Description = "Layers of the built-in layered circuit.", DefaultValueFactory = _ => 2 };
        var shotsOption = new Option<int>("--shots") { Description = "Shots to sample (0: exact outputs only).", DefaultValueFactory = _ => 1000 };
        var seedOption = new Option<ulong>("--seed") { Description = "Sampler seed.", DefaultValueFactory = _ => 7UL };
        var bindOption = new Option<string[]>("--bind") { Description = "Value of an OpenQASM 3 input, NAME=VALUE (repeatable)." };
        var observableOption = new Option<string[]>("--observable") { Description = "Pauli-sum observable, e.g. \"Z0 Z1\" or \"0.5*X0 - Y1\" (repeatable; default ⟨Z⟩ of each qubit)." };

        var command = new Command("run", "Run an OpenQASM file or a built-in circuit: probabilities, expectations, sample counts, timing.");
        command.Arguments.Add(fileArgument);
        backend.AddTo(command);
        foreach (var option in new Option[] { circuitOption, qubitsOption, layersOption, shotsOption, seedOption, bindOption, observableOption })
        {
            command.Options.Add(option);
        }

        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var total = Stopwatch.StartNew();
            var shots = parseResult.GetValue(shotsOption);
            if (shots < 0)
            {
                throw new QmlException($"--shots {shots} is invalid: use 0 (exact outputs only) or a positive count.");
            }

            var file = parseResult.GetValue(fileArgument);
            var observableTexts = parseResult.GetValue(observableOption) ?? [];
            Circuit circuit;
            Observable[] observables;
            if (file is not null)
            {
                circuit = CircuitSource.ReadFile(file);
                observables = CircuitSource.Observables(circuit, observableTexts);
            }
            else
            {
                (circuit, observables) = DemoCircuits.Create(parseResult.GetValue(circuitOption)!, parseResult.GetValue(qubitsOption), parseResult.GetValue(layersOption));
                if (observableTexts.Length > 0)
                {
                    observables = CircuitSource.Observables(circuit, observableTexts);
                }
            }

            var bindings = CircuitSource.Bind(circuit, parseResult.GetValue(bindOption) ?? []);
            var seed = parseResult.GetValue(seedOption);
            using var session = HostSession.Open(parseResult);
            using var engine = session.CreateBackend(backend.Name(parseResult), backend.Options(parseResult));

            ExecutionResult? exact = null;
            if (!circuit.HasMidCircuitMeasurement)
            {
                var outputs = ResultKinds.Expectations | (circuit.QubitCount <= MaxProbabilityQubits ? ResultKinds.Probabilities : ResultKinds.None);
                var request = new ExecutionRequest { Circuit = circuit.WithoutNonUnitary(), Bindings = bindings, Observables = [.. observables], Outputs = outputs };
                exact = await engine.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            }
            else if (shots == 0)
            {
                throw new QmlException("the circuit measures or resets before its end, so it has no single final state; pass --shots N to sample it.");
            }

            ExecutionResult? sampled = null;
            if (shots > 0)
            {
                var request = new ExecutionRequest { Circuit = circuit, Bindings = bindings, Outputs = ResultKinds.Samples, Shots = shots, Seed = seed };
                sampled = await engine.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            }

            total.Stop();
            var report = RunReport.From(engine.Info, file ?? $"builtin:{circuit.Name}", circuit, bindings, observables, exact, sampled, seed, total.Elapsed);
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
        Console.WriteLine($"Circuit {report.Circuit} ({report.Source}): {report.Qubits} qubits, {report.ClassicalBits} bits, {report.Operations} operations on backend '{report.Backend}' {report.BackendVersion}");
        if (report.Inputs.Count > 0)
        {
            Console.WriteLine("Inputs: " + string.Join(", ", report.Inputs.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Key}={i.Value:R}"))));
        }

        if (report.Probabilities is { } probabilities)
        {
            var nonzero = probabilities
                .Select((p, outcome) => (Outcome: Convert.ToString(outcome, 2).PadLeft(report.Qubits, '0'), Probability: p))
                .Where(o => o.Probability > 1e-12)
                .OrderByDescending(o => o.Probability)
                .ToList();
            var table = new TableWriter("OUTCOME", "PROBABILITY");
            foreach (var (outcome, probability) in nonzero.Take(MaxPrintedOutcomes))
            {
                table.Add(outcome, probability.ToString("F6", CultureInfo.InvariantCulture));
            }

            Console.WriteLine();
            Console.WriteLine($"Outcome probabilities (qubit 0 rightmost; {nonzero.Count} nonzero{(nonzero.Count > MaxPrintedOutcomes ? $", top {MaxPrintedOutcomes} shown" : string.Empty)}):");
            Console.Write(table);
        }

        if (report.Expectations.Count > 0)
        {
            var expectations = new TableWriter("OBSERVABLE", "EXPECTATION");
            foreach (var (observable, value) in report.Expectations)
            {
                expectations.Add(observable, value.ToString("F6", CultureInfo.InvariantCulture));
            }

            Console.WriteLine();
            Console.WriteLine(report.ExactExpectations ? "Expectation values (exact):" : "Expectation values (estimated from shots by the backend):");
            Console.Write(expectations);
        }

        if (report.Counts is { } counts)
        {
            var table = new TableWriter("OUTCOME", "COUNT");
            foreach (var (outcome, count) in counts.OrderByDescending(c => c.Value).Take(MaxPrintedOutcomes))
            {
                table.Add(outcome, count.ToString(CultureInfo.InvariantCulture));
            }

            Console.WriteLine();
            Console.WriteLine($"Samples ({report.Shots} shots, seed {report.Seed}; bit 0 rightmost{(counts.Count > MaxPrintedOutcomes ? $", top {MaxPrintedOutcomes} of {counts.Count} shown" : string.Empty)}):");
            Console.Write(table);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Time: exact {report.Timing.ExactMilliseconds:F3} ms, sampling {report.Timing.SamplingMilliseconds:F3} ms, total {report.Timing.TotalMilliseconds:F1} ms including plugin loading and JIT"));
    }

    private sealed record ExpectationValue(string Observable, double Value);

    private sealed record RunTiming(double ExactMilliseconds, double SamplingMilliseconds, double TotalMilliseconds);

    private sealed record RunReport(
        string Backend,
        string BackendVersion,
        string Source,
        string Circuit,
        int Qubits,
        int ClassicalBits,
        int Operations,
        IReadOnlyDictionary<string, double> Inputs,
        double[]? Probabilities,
        IReadOnlyList<ExpectationValue> Expectations,
        int Shots,
        ulong Seed,
        IReadOnlyDictionary<string, int>? Counts,
        RunTiming Timing,
        bool ExactExpectations)
    {
        public static RunReport From(
            BackendInfo info,
            string source,
            Circuit circuit,
            BindingTable bindings,
            Observable[] observables,
            ExecutionResult? exact,
            ExecutionResult? sampled,
            ulong seed,
            TimeSpan total)
        {
            var inputs = circuit.Symbols.Select((s, i) => (s.Name, Value: bindings[0, i])).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            var expectations = exact?.Expectations is { } e
                ? observables.Select((o, i) => new ExpectationValue(o.ToString(), e[0, i])).ToList()
                : [];
            return new RunReport(
                info.Name,
                info.Version,
                source,
                circuit.Name ?? Path.GetFileNameWithoutExtension(source),
                circuit.QubitCount,
                circuit.ClassicalBitCount,
                circuit.Operations.Length,
                inputs,
                exact?.Probabilities?.Row(0).ToArray(),
                expectations,
                sampled?.Samples?.Shots ?? 0,
                seed,
                sampled?.Samples?.Counts(0),
                new RunTiming(exact?.Diagnostics.Elapsed.TotalMilliseconds ?? 0, sampled?.Diagnostics.Elapsed.TotalMilliseconds ?? 0, total.TotalMilliseconds),
                info.Capabilities.ExactExpectations);
        }
    }
}
