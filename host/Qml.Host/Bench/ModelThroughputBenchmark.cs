using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Qml.Abstractions;
using Qml.Host.Cli;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Tensors;

namespace Qml.Host.Bench;

/// <summary>One model's training-step throughput: forward, loss and backward over one batch.</summary>
internal sealed record ModelThroughputRow(
    string Model,
    IReadOnlyDictionary<string, string> Options,
    int Parameters,
    int Batch,
    int Threads,
    double MillisecondsPerStep,
    double SamplesPerSecond,
    long AllocatedBytesPerStep,
    double RatioToFirst);

/// <summary>
/// <c>qml bench model</c>: builds any registered model by name and times forward + loss + backward
/// (gradients zeroed each step, no optimizer update) on a seeded random batch, after warm-up steps;
/// baselines given with <c>--baseline</c> run in the same process, so the figures compare.
/// </summary>
internal static class ModelThroughputBenchmark
{
    public static Command Create()
    {
        var backend = new BackendSelection();
        var model = new Option<string>("--model") { Description = "Model to time (see `qml models`).", Required = true };
        var modelOptions = new Option<string[]>("--model-option", "-m") { Description = "Model setting as key=value, repeatable (e.g. -m hidden=10)." };
        var baselines = new Option<string[]>("--baseline")
        {
            Description = "Model timed beside it, as NAME or NAME:key=value;key=value (repeatable; e.g. --baseline mlp:hidden=10).",
        };
        var features = new Option<int>("--features") { Description = "Input features per sample (all time steps for recurrent models).", DefaultValueFactory = _ => 1 };
        var outputs = new Option<int>("--outputs") { Description = "Outputs (targets or classes).", DefaultValueFactory = _ => 1 };
        var sequence = new Option<int>("--sequence-length") { Description = "Time steps per sample for recurrent models (0: not a sequence).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Samples per step.", DefaultValueFactory = _ => 1024 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first (JIT, caches).", DefaultValueFactory = _ => 5 };
        var steps = new Option<int>("--steps") { Description = "Timed steps.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the weights and the batch.", DefaultValueFactory = _ => 0 };

        var command = new Command("model", "Benchmark a model's training step (forward + loss + backward): samples/s beside baselines in the same run.");
        command.Options.Add(model);
        command.Options.Add(modelOptions);
        command.Options.Add(baselines);
        backend.AddTo(command);
        foreach (var option in new Option[] { features, outputs, sequence, batch, warmup, steps, seed })
        {
            command.Options.Add(option);
        }

        CommandAction.Set(command, (parseResult, cancellationToken) =>
        {
            var shape = new Shape(parseResult.GetValue(features), parseResult.GetValue(outputs), parseResult.GetValue(sequence), parseResult.GetValue(batch));
            int warmupSteps = parseResult.GetValue(warmup), timedSteps = parseResult.GetValue(steps);
            if (shape.Features < 1 || shape.Outputs < 1 || shape.Batch < 1 || shape.SequenceLength < 0 || warmupSteps < 0 || timedSteps < 1)
            {
                throw new QmlException(
                    $"--features {shape.Features}, --outputs {shape.Outputs}, --batch {shape.Batch}, --sequence-length {shape.SequenceLength}, --warmup {warmupSteps}, --steps {timedSteps}: need ≥ 1, ≥ 1, ≥ 1, ≥ 0, ≥ 0, ≥ 1.");
            }

            using var session = HostSession.Open(parseResult);
            using var quantum = session.CreateBackend(backend.Name(parseResult), backend.Options(parseResult));
            var runs = new List<(string Name, ModelOptions Options)> { (parseResult.GetValue(model)!, ModelOptions.Parse(parseResult.GetValue(modelOptions) ?? [])) };
            runs.AddRange((parseResult.GetValue(baselines) ?? []).Select(ParseBaseline));

            var rows = new List<ModelThroughputRow>();
            foreach (var (name, options) in runs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var factory = session.FindModel(name);
                var task = factory.Describe().Task;
                var context = new ModelContext(quantum, Learning.Quantum.DifferentiationMethod.Auto, parseResult.GetValue(seed), shape.Features, shape.Outputs, task, shape.SequenceLength);
                var built = factory.Create(options, context);
                var (milliseconds, allocated) = Time(built, task, shape, parseResult.GetValue(seed), warmupSteps, timedSteps);
                double samplesPerSecond = shape.Batch / (milliseconds / 1e3);
                rows.Add(new ModelThroughputRow(
                    factory.Name, options.ToDictionary(), built.Network.ParameterCount, shape.Batch, Environment.ProcessorCount,
                    milliseconds, samplesPerSecond, allocated, rows.Count == 0 ? 1.0 : samplesPerSecond / rows[0].SamplesPerSecond));
            }

            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(rows);
                return Task.FromResult(ExitCodes.Success);
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Training step (forward + loss + backward), {shape.Features} features → {shape.Outputs} outputs, batch {shape.Batch}, {Environment.ProcessorCount} threads, {warmupSteps} warm-up + {timedSteps} timed steps"));
            Console.WriteLine("MODEL        PARAMS   MS/STEP    SAMPLES/S   ALLOC/STEP  x FIRST  OPTIONS");
            foreach (var row in rows)
            {
                string text = string.Join(' ', row.Options.Select(p => $"{p.Key}={p.Value}"));
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{row.Model,-11}  {row.Parameters,6}  {row.MillisecondsPerStep,8:F3}  {row.SamplesPerSecond,11:F0}  {row.AllocatedBytesPerStep / 1024.0,8:F0} KB  {row.RatioToFirst,7:F2}  {text}"));
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>Mean milliseconds and allocated bytes per timed step.</summary>
    internal static (double Milliseconds, long AllocatedBytes) Time(IModel model, ModelTask task, Shape shape, int seed, int warmup, int steps)
    {
        var random = new Random(seed);
        var features = new double[shape.Batch * shape.Features];
        for (int k = 0; k < features.Length; k++)
        {
            features[k] = (2 * random.NextDouble()) - 1;
        }

        DatasetBatch batch = task == ModelTask.Classification
            ? new DatasetBatch([.. Enumerable.Range(0, shape.Batch)], features, shape.Features, [.. Enumerable.Range(0, shape.Batch).Select(_ => random.Next(shape.Outputs))], null, 0)
            : new DatasetBatch([.. Enumerable.Range(0, shape.Batch)], features, shape.Features, null, [.. Enumerable.Range(0, shape.Batch * shape.Outputs).Select(_ => (2 * random.NextDouble()) - 1)], shape.Outputs);
        var x = Tensor.FromArray([shape.Batch, shape.Features], features);
        for (int s = 0; s < warmup; s++)
        {
            Step(model, x, batch);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long total = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        for (int s = 0; s < steps; s++)
        {
            Step(model, x, batch);
        }

        clock.Stop();
        long bytes = Math.Max(GC.GetTotalAllocatedBytes(precise: false) - total, GC.GetAllocatedBytesForCurrentThread() - allocated);
        return (clock.Elapsed.TotalMilliseconds / steps, bytes / steps);
    }

    private static void Step(IModel model, Tensor x, DatasetBatch batch)
    {
        model.Network.ZeroGrad();
        model.Loss(model.Network.Forward(x), batch).Backward();
    }

    private static (string Name, ModelOptions Options) ParseBaseline(string spec)
    {
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (spec.Trim(), ModelOptions.Parse([]));
        }

        var items = spec[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (spec[..colon].Trim(), ModelOptions.Parse(items));
    }

    internal sealed record Shape(int Features, int Outputs, int SequenceLength, int Batch);
}
