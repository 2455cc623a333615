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
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public int Format { get; init; } = CurrentFormat;

    public required string ModelId { get; init; }

    public required int Seed { get; init; }

    public required string Optimizer { get; init; }

    public int BatchSize { get; init; }

    public int EpochsCompleted { get; init; }

    public double BestValidationLoss { get; init; } = double.PositiveInfinity;

    public int BestEpoch { get; init; }

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

    public IReadOnlyList<EpochRecord> History { get; init; } = [];

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
