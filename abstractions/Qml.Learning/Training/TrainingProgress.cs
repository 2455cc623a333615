namespace Qml.Learning.Training;

/// <summary>
/// One progress report: after every batch (<see cref="Completed"/> null) and once more after each
/// epoch's validation (<see cref="Completed"/> set). Epoch and batch are 1-based.
/// </summary>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int Batches,
    double Loss,
    string MetricName,
    double? Metric,
    TimeSpan Elapsed,
    TimeSpan? Remaining,
    EpochRecord? Completed = null);

/// <summary>One epoch's results: mean training loss and metrics over its batches, validation loss and metrics, the rate used and the time taken.</summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double ValidationLoss,
    IReadOnlyDictionary<string, double> TrainMetrics,
    IReadOnlyDictionary<string, double> ValidationMetrics,
    double LearningRate,
    double Seconds);
