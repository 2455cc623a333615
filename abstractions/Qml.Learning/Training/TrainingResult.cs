namespace Qml.Learning.Training;

/// <summary>
/// The outcome of <see cref="Trainer.Fit"/>: the final card (metrics include test_loss and the
/// test metrics), the full history (earlier runs included when resumed), the test evaluation,
/// and how the run ended.
/// </summary>
public sealed record TrainingResult(
    Models.ModelCard Card,
    IReadOnlyList<EpochRecord> History,
    Evaluation Test,
    bool StoppedEarly,
    bool Interrupted,
    int ResumedFromEpoch,
    TimeSpan Elapsed);
