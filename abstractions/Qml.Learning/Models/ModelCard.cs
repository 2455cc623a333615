using System.Text.Json;
using System.Text.Json.Serialization;
using Qml.Learning.Checkpoints;
using Qml.Learning.Training;

namespace Qml.Learning.Models;

/// <summary>
/// What a trained model is and how it was made, written as <c>model.json</c> beside its weights:
/// enough to rebuild the model (id, version, options, shapes), the same data (dataset, options,
/// preprocessing and split) and to say how good it was (epoch, metrics).
/// </summary>
public sealed record ModelCard
{
    /// <summary>The current version of this file's layout.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The file layout version; <see cref="FromJson"/> refuses any other than <see cref="CurrentFormat"/>.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The factory name (<c>--model</c>).</summary>
    public required string ModelId { get; init; }

    /// <summary>The version of the model's definition; weights of another major version are refused.</summary>
    public string ModelVersion { get; init; } = "1.0.0";

    /// <summary>Classification or regression: decides the loss, metrics and output meaning.</summary>
    public required ModelTask Task { get; init; }

    /// <summary>Features per sample the model expects (after preprocessing).</summary>
    public required int InputFeatures { get; init; }

    /// <summary>Classes (classification) or target values per sample (regression).</summary>
    public required int Outputs { get; init; }

    /// <summary>Window length T for sequence models (inputs are T × features per step); 0 otherwise.</summary>
    public int SequenceLength { get; init; }

    /// <summary>Trainable scalars in the network.</summary>
    public int ParameterCount { get; init; }

    /// <summary>The model options it was built with (<c>-m key=value</c>).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The dataset name it was trained on (<c>--dataset</c>); null when unknown.</summary>
    public string? Dataset { get; init; }

    /// <summary>The dataset options used (<c>--dataset-option key=value</c>).</summary>
    public IReadOnlyDictionary<string, string> DatasetOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>How the data was split and scaled before training; applied again by eval and predict.</summary>
    public DataPreparation? Preprocessing { get; init; }

    /// <summary>Class names by label index; null for regression or unnamed classes.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The backend it was trained on (<c>--backend</c>), for quantum models; null when none was recorded.</summary>
    public string? Backend { get; init; }

    /// <summary>The <c>--diff</c> spelling (auto, adjoint, parameter-shift, finite-diff).</summary>
    public string Differentiation { get; init; } = "auto";

    /// <summary>The run's seed (initialisation, shuffling, dropout).</summary>
    public int Seed { get; init; }

    /// <summary>The FGSM radius of adversarial training (<c>--adversarial-training</c>); absent when trained on clean data only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AdversarialEpsilon { get; init; }

    /// <summary>Epochs completed when these weights were saved.</summary>
    public int Epoch { get; init; }

    /// <summary>The latest metrics by name ("train_loss", "val_loss", "val_accuracy", "test_accuracy", …).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>When the card was written.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Indented camelCase JSON (enums as camelCase strings), the form <see cref="FromJson"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="CheckpointException">The text is not a model card.</exception>
    public static ModelCard FromJson(string json, string source)
    {
        ModelCard? card;
        try
        {
            card = JsonSerializer.Deserialize<ModelCard>(json, Json);
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{source}: not a valid model card: {e.Message}", e);
        }

        if (card is null)
        {
            throw new CheckpointException($"{source}: not a valid model card (empty).");
        }

        if (card.Format != CurrentFormat)
        {
            throw new CheckpointException($"{source}: model card format {card.Format} is not supported (expected {CurrentFormat}).");
        }

        return card;
    }

    /// <summary>Atomically writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <exception cref="CheckpointException">The file is missing or not a model card.</exception>
    public static ModelCard Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{path}: cannot read the model card: {e.Message}", e);
        }

        return FromJson(text, path);
    }
}
