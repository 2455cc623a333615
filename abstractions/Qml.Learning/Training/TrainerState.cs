using System.Text.Json;
using System.Text.Json.Serialization;
using Qml.Learning.Checkpoints;

namespace Qml.Learning.Training;

/// <summary>
/// What the trainer itself needs to continue exactly (<c>trainer.json</c>): the seed and the
/// number of finished epochs (each epoch's shuffle and optimizer randomness are derived from
/// both, so no generator position needs saving), early-stopping bookkeeping and the history.
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
