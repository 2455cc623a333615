using System.Globalization;
using System.Text;
using System.Text.Json;
using Qml.Learning.Checkpoints;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Tensors;
using Qml.Learning.Training;

namespace Qml.Learning.Reports;

/// <summary>
/// The report files of a training run, each written atomically: <c>metrics.csv</c> and
/// <c>metrics.json</c> (one row per epoch), <c>loss.svg</c> and <c>metric.svg</c> (per epoch),
/// and after the test evaluation <c>confusion.svg</c> (classification) or <c>predictions.svg</c>
/// (regression, predicted against true).
/// </summary>
public static class RunReport
{
    /// <summary>Per-epoch metrics as CSV, one row per epoch.</summary>
    public const string MetricsCsv = "metrics.csv";
    /// <summary>Per-epoch metrics as JSON, one object per epoch.</summary>
    public const string MetricsJson = "metrics.json";
    /// <summary>SVG plot of the training and validation loss per epoch.</summary>
    public const string LossPlot = "loss.svg";
    /// <summary>SVG plot of the headline metric per epoch.</summary>
    public const string MetricPlot = "metric.svg";
    /// <summary>SVG confusion matrix of the test set (classification).</summary>
    public const string ConfusionPlot = "confusion.svg";
    /// <summary>SVG scatter of predicted against true test targets (regression).</summary>
    public const string PredictionsPlot = "predictions.svg";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the per-epoch files from the whole history.</summary>
    public static void WriteHistory(string directory, ModelCard card, IReadOnlyList<EpochRecord> history)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(history);
        var names = ModelBase.MetricNames(card.Task);
        AtomicFile.WriteAllText(Path.Combine(directory, MetricsCsv), Csv(history, names));
        AtomicFile.WriteAllText(Path.Combine(directory, MetricsJson), JsonText(card, history, names));
        AtomicFile.WriteAllText(Path.Combine(directory, LossPlot), SvgChart.Line(
            $"{card.ModelId} on {card.Dataset}: loss", "epoch", "loss",
            [
                new ChartSeries("train", [.. history.Select(h => ((double)h.Epoch, h.TrainLoss))]),
                new ChartSeries("validation", [.. history.Select(h => ((double)h.Epoch, h.ValidationLoss))]),
            ]));
        var metric = names[0];
        AtomicFile.WriteAllText(Path.Combine(directory, MetricPlot), SvgChart.Line(
            $"{card.ModelId} on {card.Dataset}: {metric}", "epoch", metric,
            [
                new ChartSeries("train", [.. history.Select(h => ((double)h.Epoch, h.TrainMetrics.GetValueOrDefault(metric, double.NaN)))]),
                new ChartSeries("validation", [.. history.Select(h => ((double)h.Epoch, h.ValidationMetrics.GetValueOrDefault(metric, double.NaN)))]),
            ]));
    }

    /// <summary>Writes the confusion matrix (classification) or the predicted-against-true scatter (regression) of a test evaluation.</summary>
    public static void WritePredictions(string directory, ModelCard card, Dataset test, Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(evaluation);
        if (card.Task == ModelTask.Classification && test.Labels is { } labels)
        {
            var predicted = Ops.ArgMax(evaluation.Outputs);
            var classes = card.Outputs;
            var counts = new int[classes, classes];
            for (var i = 0; i < labels.Length; i++)
            {
                counts[labels[i], predicted[i]]++;
            }

            var names = card.ClassNames is { } given && given.Count == classes
                ? given
                : [.. Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture))];
            var accuracy = evaluation.Metrics.GetValueOrDefault("accuracy");
            AtomicFile.WriteAllText(Path.Combine(directory, ConfusionPlot), SvgChart.ConfusionMatrix(
                string.Create(CultureInfo.InvariantCulture, $"{card.ModelId} on {card.Dataset}: test confusion (accuracy {accuracy:P1})"), counts, names));
        }
        else if (test.Targets is { } targets)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, PredictionsPlot), SvgChart.Scatter(
                $"{card.ModelId} on {card.Dataset}: test predictions", targets, evaluation.Outputs.ToArray()));
        }
    }

    private static string Csv(IReadOnlyList<EpochRecord> history, IReadOnlyList<string> names)
    {
        var text = new StringBuilder("epoch,train_loss,val_loss");
        foreach (var name in names)
        {
            text.Append(",train_").Append(name).Append(",val_").Append(name);
        }

        text.Append(",learning_rate,seconds\n");
        foreach (var h in history)
        {
            text.Append(h.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(R(h.TrainLoss)).Append(',').Append(R(h.ValidationLoss));
            foreach (var name in names)
            {
                text.Append(',').Append(R(h.TrainMetrics.GetValueOrDefault(name, double.NaN))).Append(',').Append(R(h.ValidationMetrics.GetValueOrDefault(name, double.NaN)));
            }

            text.Append(',').Append(R(h.LearningRate)).Append(',').Append(h.Seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    private static string JsonText(ModelCard card, IReadOnlyList<EpochRecord> history, IReadOnlyList<string> names)
    {
        var epochs = history.Select(h =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["epoch"] = h.Epoch,
                ["train_loss"] = Finite(h.TrainLoss),
                ["val_loss"] = Finite(h.ValidationLoss),
            };
            foreach (var name in names)
            {
                row["train_" + name] = Finite(h.TrainMetrics.GetValueOrDefault(name, double.NaN));
                row["val_" + name] = Finite(h.ValidationMetrics.GetValueOrDefault(name, double.NaN));
            }

            row["learning_rate"] = h.LearningRate;
            row["seconds"] = h.Seconds;
            return row;
        }).ToList();
        var document = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["model"] = card.ModelId,
            ["dataset"] = card.Dataset,
            ["task"] = card.Task.ToString().ToLowerInvariant(),
            ["epochs"] = epochs,
            ["final"] = card.Metrics.ToDictionary(p => p.Key, p => Finite(p.Value), StringComparer.Ordinal),
        };
        return JsonSerializer.Serialize(document, Json);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string R(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
