using System.Text.Json;
using System.Text.Json.Serialization;
using Qml.Learning.Checkpoints;

namespace Qml.Learning.Training;

/// <summary>
/// What the trainer itself needs to continue exactly (<c>trainer.json</c>): the seed and the
/// number of finished epochs (each epoch's shuffle and optimizer randomness are derived from
/// both, so no generator position needs saving; dropout masks likewise), early-stopping
/// bookkeeping, whether the best weights were restored, and the history.
/// </summary>
public sealed record TrainerState
{
    /// <summary>The current version of this file's layout.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The file layout version.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The model factory name; a resume with another model is refused.</summary>
    public required string ModelId { get; init; }

    /// <summary>The run's seed; each epoch's randomness derives from it and the epoch number.</summary>
    public required int Seed { get; init; }

    /// <summary>The optimizer name (one of <see cref="TrainingOptions.OptimizerNames"/>).</summary>
    public required string Optimizer { get; init; }

    /// <summary>The mini-batch size used.</summary>
    public int BatchSize { get; init; }

    /// <summary>Epochs finished; a resume starts at this (0-based) epoch.</summary>
    public int EpochsCompleted { get; init; }

    /// <summary>The lowest validation loss so far (+∞ before the first validation).</summary>
    public double BestValidationLoss { get; init; } = double.PositiveInfinity;

    /// <summary>The epoch that reached <see cref="BestValidationLoss"/>.</summary>
    public int BestEpoch { get; init; }

    /// <summary>Consecutive epochs since the validation loss last improved (for early stopping).</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>
    /// Set when the run ended by restoring the weights of this (best) epoch into <c>weights.safetensors</c>;
    /// when it is earlier than <see cref="EpochsCompleted"/>, the last epoch's weights, which a resume
    /// continues from, are in <c>last.safetensors</c>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RestoredBestEpoch { get; init; }

    /// <summary>True when early stopping ended the run; a resume then has nothing left to do.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>One record per completed epoch, in order.</summary>
    public IReadOnlyList<EpochRecord> History { get; init; } = [];

    /// <summary>Indented camelCase JSON, the form <see cref="Read"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="CheckpointException">The file is missing or malformed.</exception>
    public static TrainerState Read(string path)
    {
        try
        {
            var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path), Json)
                ?? throw new CheckpointException($"{path}: empty trainer state.");
            return state.Format == CurrentFormat
                ? state
                : throw new CheckpointException($"{path}: trainer state format {state.Format} is not supported (expected {CurrentFormat}).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CheckpointException($"{path}: cannot read the trainer state: {e.Message}", e);
        }
    }
}
