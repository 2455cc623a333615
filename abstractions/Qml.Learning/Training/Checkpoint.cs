using System.Globalization;
using Qml.Learning.Checkpoints;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Optimizers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Training;

/// <summary>
/// A training checkpoint folder: <c>weights.safetensors</c> (parameters and buffers under their
/// dotted names, loadable in Python), <c>optimizer.safetensors</c> (the optimizer's state),
/// <c>model.json</c> (the <see cref="ModelCard"/>) and <c>trainer.json</c> (<see cref="TrainerState"/>).
/// </summary>
/// <remarks>
/// The four files change together or not at all: a save writes them, each atomically, into
/// <c>.pending/</c> with <c>trainer.json</c> last (its presence marks the set complete), then moves
/// them over the live files. Every read first rolls a complete pending set forward and discards an
/// incomplete one, so a process killed at any moment leaves one consistent checkpoint.
/// </remarks>
public static class Checkpoint
{
    public const string WeightsFile = "weights.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string CardFile = "model.json";
    public const string TrainerFile = "trainer.json";

    private const string PendingFolder = ".pending";
    private static readonly string[] CommitOrder = [WeightsFile, OptimizerFile, CardFile, TrainerFile];

    /// <summary>True when <paramref name="directory"/> holds a (recoverable) checkpoint.</summary>
    public static bool Exists(string directory)
    {
        Recover(directory);
        return File.Exists(Path.Combine(directory, TrainerFile)) || File.Exists(Path.Combine(directory, CardFile));
    }

    /// <summary>Writes a consistent checkpoint (see remarks).</summary>
    public static void Save(string directory, Module network, ModelCard card, IOptimizer? optimizer, TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(network);
        var optimizerTensors = optimizer is null
            ? new Dictionary<string, SafeTensor>()
            : optimizer.State.ToDictionary(p => p.Key, p => new SafeTensor(p.Value.Shape, p.Value.ToArray()), StringComparer.Ordinal);
        Save(directory, WeightTensors(network), optimizerTensors, card, state);
    }

    /// <summary>Writes a consistent checkpoint of a one-shot model: its fitted state as the weights, no optimizer state.</summary>
    public static void SaveFitted(string directory, IOneShotModel model, ModelCard card, TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        Save(directory, model.FittedState().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), [], card, state);
    }

    /// <summary>Loads <c>weights.safetensors</c> into a one-shot model; the file must belong to <paramref name="modelId"/>.</summary>
    public static void LoadFitted(string directory, IOneShotModel model, string modelId)
    {
        ArgumentNullException.ThrowIfNull(model);
        Recover(directory);
        var path = Path.Combine(directory, WeightsFile);
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        if (metadata.TryGetValue("model_id", out var stored) && !string.Equals(stored, modelId, StringComparison.Ordinal))
        {
            throw new CheckpointException($"{path}: the weights belong to model '{stored}', not '{modelId}'.");
        }

        model.LoadFittedState(tensors, path);
    }

    private static void Save(string directory, Dictionary<string, SafeTensor> weights, Dictionary<string, SafeTensor> optimizerTensors, ModelCard card, TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(state);
        Directory.CreateDirectory(directory);
        Recover(directory);
        var pending = Path.Combine(directory, PendingFolder);
        if (Directory.Exists(pending))
        {
            Directory.Delete(pending, recursive: true);
        }

        Directory.CreateDirectory(pending);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = "qml",
            ["model_id"] = card.ModelId,
            ["model_version"] = card.ModelVersion,
            ["epoch"] = state.EpochsCompleted.ToString(CultureInfo.InvariantCulture),
        };
        SafeTensorsFile.Write(Path.Combine(pending, WeightsFile), weights, metadata);
        SafeTensorsFile.Write(Path.Combine(pending, OptimizerFile), optimizerTensors, new Dictionary<string, string>(metadata) { ["optimizer"] = state.Optimizer });
        card.Write(Path.Combine(pending, CardFile));
        AtomicFile.WriteAllText(Path.Combine(pending, TrainerFile), state.ToJson());
        Recover(directory);
    }

    /// <summary>Reads <c>model.json</c>.</summary>
    public static ModelCard ReadCard(string directory)
    {
        Recover(directory);
        var path = Path.Combine(directory, CardFile);
        if (!File.Exists(path))
        {
            throw new CheckpointException($"{path}: no model card here; is {directory} a checkpoint folder written by qml train?");
        }

        return ModelCard.Read(path);
    }

    public static TrainerState ReadState(string directory)
    {
        Recover(directory);
        return TrainerState.Read(Path.Combine(directory, TrainerFile));
    }

    /// <summary>
    /// Loads <c>weights.safetensors</c> into <paramref name="network"/>: every parameter and buffer
    /// must be present with its shape and nothing else may be, and the file must belong to
    /// <paramref name="modelId"/>; otherwise nothing is changed and the error names the file and tensor.
    /// </summary>
    public static void LoadWeights(string directory, Module network, string modelId)
    {
        ArgumentNullException.ThrowIfNull(network);
        Recover(directory);
        var path = Path.Combine(directory, WeightsFile);
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        if (metadata.TryGetValue("model_id", out var stored) && !string.Equals(stored, modelId, StringComparison.Ordinal))
        {
            throw new CheckpointException($"{path}: the weights belong to model '{stored}', not '{modelId}'.");
        }

        var targets = new List<(string Name, Tensor Value)>();
        targets.AddRange(network.NamedParameters().Select(p => (p.Name, p.Parameter.Value)));
        targets.AddRange(network.NamedBuffers());
        foreach (var (name, value) in targets)
        {
            if (!tensors.TryGetValue(name, out var tensor))
            {
                throw new CheckpointException($"{path}: tensor '{name}' is missing (the file has {Describe(tensors.Keys)}).");
            }

            if (!tensor.Shape.AsSpan().SequenceEqual(value.Dims))
            {
                throw new CheckpointException(
                    $"{path}: tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}]; the model expects [{string.Join(", ", value.Shape)}].");
            }
        }

        var expected = targets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = tensors.Keys.FirstOrDefault(k => !expected.Contains(k));
        if (unknown is not null)
        {
            throw new CheckpointException($"{path}: tensor '{unknown}' does not belong to model '{modelId}'.");
        }

        foreach (var (name, value) in targets)
        {
            tensors[name].Values.CopyTo(value.Data);
        }
    }

    /// <summary>Restores <paramref name="optimizer"/> from <c>optimizer.safetensors</c>, naming the file and entry on a mismatch.</summary>
    public static void LoadOptimizer(string directory, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Recover(directory);
        var path = Path.Combine(directory, OptimizerFile);
        var (tensors, _) = SafeTensorsFile.Read(path);
        var state = tensors.ToDictionary(p => p.Key, p => Tensor.FromArray(p.Value.Shape, p.Value.Values), StringComparer.Ordinal);
        try
        {
            optimizer.LoadState(state);
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Finishes or discards an interrupted save.</summary>
    internal static void Recover(string directory)
    {
        var pending = Path.Combine(directory, PendingFolder);
        if (!Directory.Exists(pending))
        {
            return;
        }

        if (File.Exists(Path.Combine(pending, TrainerFile)))
        {
            foreach (var name in CommitOrder)
            {
                var source = Path.Combine(pending, name);
                if (File.Exists(source))
                {
                    File.Move(source, Path.Combine(directory, name), overwrite: true);
                }
            }
        }

        Directory.Delete(pending, recursive: true);
    }

    private static Dictionary<string, SafeTensor> WeightTensors(Module network)
    {
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        foreach (var (name, p) in network.NamedParameters())
        {
            tensors[name] = new SafeTensor(p.Shape, p.Value.ToArray());
        }

        foreach (var (name, value) in network.NamedBuffers())
        {
            tensors[name] = new SafeTensor(value.Shape, value.ToArray());
        }

        return tensors;
    }

    private static string Describe(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "no tensors" : string.Join(", ", list.Take(8)) + (list.Count > 8 ? ", …" : string.Empty);
    }
}
