namespace Qml.Learning.Training;

/// <summary>How <see cref="Trainer"/> trains (the <c>qml train</c> flags).</summary>
public sealed record TrainingOptions
{
    /// <summary>The valid <see cref="Optimizer"/> spellings.</summary>
    public static IReadOnlyList<string> OptimizerNames { get; } = ["adam", "adamw", "sgd", "lbfgs", "spsa", "nelder-mead", "cobyla"];

    /// <summary>The valid <see cref="Schedule"/> spellings.</summary>
    public static IReadOnlyList<string> ScheduleNames { get; } = ["none", "step", "cosine"];

    /// <summary>Epochs to train, ≥ 1 (<c>--epochs</c>).</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Samples per mini-batch, ≥ 1 (<c>--batch-size</c>); the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Initial learning rate, &gt; 0 (<c>--lr</c>).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>One of <see cref="OptimizerNames"/>. L-BFGS and the gradient-free methods work on the full training set each epoch.</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>One of <see cref="ScheduleNames"/>: constant, ×0.5 every quarter of the epochs, or cosine to 1% of the rate.</summary>
    public string Schedule { get; init; } = "none";

    /// <summary>Seeds the split, the initial weights, each epoch's shuffle and the stochastic optimizers.</summary>
    public int Seed { get; init; }

    /// <summary>Stop after this many epochs without a lower validation loss; 0 = never stop early.</summary>
    public int Patience { get; init; }

    /// <summary>
    /// At the end of a run (early stop or last epoch, not <see cref="StopAfterEpoch"/>) put back the
    /// weights of the epoch with the lowest validation loss, so the saved weights, the card and the
    /// test metrics are that epoch's (as Keras' <c>restore_best_weights</c>). null = on exactly when
    /// early stopping is (<see cref="Patience"/> &gt; 0).
    /// </summary>
    public bool? RestoreBestWeights { get; init; }

    /// <summary>Objective evaluations per epoch for the gradient-free optimizers.</summary>
    public int EvaluationsPerEpoch { get; init; } = 100;

    /// <summary>Where checkpoints and reports go each epoch; null = keep nothing on disk.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="CheckpointDirectory"/> (fresh start if there is none).</summary>
    public bool Resume { get; init; }

    /// <summary>End this run after the given epoch (1-based) as if it had been interrupted; the checkpoint stays resumable.</summary>
    public int? StopAfterEpoch { get; init; }

    /// <summary>
    /// Adversarial training (Goodfellow et al.): when &gt; 0, each mini-batch is joined by its FGSM
    /// examples at this L∞ radius (in the prepared feature units), crafted against the current
    /// weights, and the step minimises the loss on both. 0 = off. Gradient optimizers only.
    /// </summary>
    public double AdversarialEpsilon { get; init; }

    /// <summary>Write metrics.csv/json and SVG plots beside the checkpoint.</summary>
    public bool WriteReports { get; init; } = true;
}
