using System.CommandLine;
using System.Globalization;
using Qml.Host.Cli.Training;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Training;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml eval --checkpoint DIR</c>: rebuilds a trained model from its card and weights, rebuilds
/// the same test split from the recorded dataset, seed and scaling, and evaluates it on any backend.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A folder written by `qml train --out`.", Required = true };
        var backend = new BackendSelection();
        var diff = TrainCommand.DiffOption();
        var command = new Command("eval", "Evaluate a trained model on its test split, on any backend.");
        command.Options.Add(checkpoint);
        backend.AddTo(command);
        command.Options.Add(diff);
        CommandAction.Set(command, (parseResult, _) =>
        {
            var folder = Path.GetFullPath(parseResult.GetValue(checkpoint)!);
            using var session = HostSession.Open(parseResult);
            var card = Checkpoint.ReadCard(folder);
            var raw = ModelSetup.LoadDataset(session, card, folder);
            var preparation = card.Preprocessing ?? throw new Abstractions.QmlException($"the model card in {folder} records no data preparation; it was not written by qml train.");
            var split = preparation.Apply(raw);
            using var quantum = session.CreateBackend(backend.Name(parseResult), backend.Options(parseResult));
            var model = ModelSetup.LoadTrained(session, folder, card, quantum, DifferentiationMethodNames.Parse(parseResult.GetValue(diff)!));
            var test = Evaluation.Of(model, split.Test);
            var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["loss"] = test.Loss };
            foreach (var (name, value) in test.Metrics)
            {
                metrics[name] = value;
            }

            var recorded = card.Metrics.Where(p => p.Key.StartsWith("test_", StringComparison.Ordinal))
                .ToDictionary(p => p.Key["test_".Length..], p => p.Value, StringComparer.Ordinal);
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(new EvalJson(card.ModelId, card.Dataset, quantum.Info.Name, folder, card.Epoch, split.Test.SampleCount, metrics, recorded));
                return Task.FromResult(ExitCodes.Success);
            }

            Console.WriteLine($"{card.ModelId} (epoch {card.Epoch}) on the {split.Test.SampleCount}-sample test split of {card.Dataset}, backend {quantum.Info.Name}:");
            var table = new TableWriter("METRIC", "NOW", "RECORDED");
            foreach (var (name, value) in metrics)
            {
                table.Add(name, Format(name, value), recorded.TryGetValue(name, out var then) ? Format(name, then) : "-");
            }

            Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static string Format(string name, double value) =>
        name == "accuracy" ? TrainingProgressDisplay.Metric(name, value) : value.ToString("G6", CultureInfo.InvariantCulture);

    private sealed record EvalJson(
        string Model, string? Dataset, string Backend, string Checkpoint, int Epoch, int Samples,
        IReadOnlyDictionary<string, double> Metrics, IReadOnlyDictionary<string, double> Recorded);
}
