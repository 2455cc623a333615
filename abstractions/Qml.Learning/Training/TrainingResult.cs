namespace Qml.Learning.Training;

/// <summary>
/// The outcome of <see cref="Trainer.Fit"/>: the final card (metrics include test_loss and the
/// test metrics), the full history (earlier runs included when resumed), the test evaluation,
/// and how the run ended. <see cref="RestoredBestEpoch"/> is set when the weights were put back
/// to that epoch's (<see cref="TrainingOptions.RestoreBestWeights"/>); the card and test metrics are then that epoch's.
/// </summary>
public sealed record TrainingResult(
    Models.ModelCard Card,
    IReadOnlyList<EpochRecord> History,
    Evaluation Test,
    bool StoppedEarly,
    bool Interrupted,
    int ResumedFromEpoch,
    TimeSpan Elapsed)
{
    /// <summary>The epoch whose weights the model holds after restoring the best ones; null when it holds the last epoch's.</summary>
    public int? RestoredBestEpoch { get; init; }
}
