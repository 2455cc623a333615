using System.Globalization;
using Qml.Learning.Training;
using Spectre.Console;

namespace Qml.Host.Cli.Training;

/// <summary>
/// Shows training progress: a live Spectre.Console bar (epoch, batch, loss, metric, ETA) on an
/// interactive terminal, else one plain line per epoch (to stderr with <c>--format json</c>, so
/// stdout stays one JSON document).
/// </summary>
internal static class TrainingProgressDisplay
{
    public static TrainingResult Run(bool live, TextWriter lines, Func<IProgress<TrainingProgress>, TrainingResult> train)
    {
        if (!live)
        {
            return train(new Reporter(p =>
            {
                if (p.Completed is { } epoch)
                {
                    lines.WriteLine(EpochLine(p, epoch));
                }
            }));
        }

        TrainingResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                result = train(new Reporter(p =>
                {
                    task ??= context.AddTask("training", maxValue: Math.Max(1, (p.Epochs - p.Epoch + 1) * p.Batches));
                    if (p.Completed is { } epoch)
                    {
                        AnsiConsole.MarkupLine(Markup.Escape(EpochLine(p, epoch)));
                        return;
                    }

                    task.Increment(1);
                    task.Description = Markup.Escape(string.Create(
                        CultureInfo.InvariantCulture,
                        $"epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.Batches} loss {p.Loss:F4} {p.MetricName} {Metric(p.MetricName, p.Metric)}"));
                }));
                if (task is not null)
                {
                    task.Value = task.MaxValue;
                }
            });
        return result!;
    }

    private static string EpochLine(TrainingProgress p, EpochRecord epoch) => string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {epoch.Epoch}/{p.Epochs}  loss {epoch.TrainLoss:F4}  val_loss {epoch.ValidationLoss:F4}  val_{p.MetricName} {Metric(p.MetricName, epoch.ValidationMetrics.GetValueOrDefault(p.MetricName, double.NaN))}  lr {epoch.LearningRate:G3}  {epoch.Seconds:F2}s  eta {p.Remaining ?? TimeSpan.Zero:mm\\:ss}");

    internal static string Metric(string name, double? value) =>
        value is not { } v || double.IsNaN(v) ? "-"
        : name == "accuracy" ? v.ToString("P1", CultureInfo.InvariantCulture)
        : v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Reports synchronously on the training thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
