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
/// <c>model.json</c> (the <see cref="ModelCard"/>) and <c>trainer.json</c> (<see cref="TrainerState"/>);
/// from the trainer also <c>best.safetensors</c> (the weights of the best validation epoch so far)
/// and, once those were restored into <c>weights.safetensors</c>, <c>last.safetensors</c> (the
/// last epoch's weights, which a resume with more epochs continues from).
/// </summary>
/// <remarks>
/// The files change together or not at all: a save writes them, each atomically, into
/// <c>.pending/</c> with <c>trainer.json</c> last (its presence marks the set complete), then moves
/// them over the live files and deletes live optional files the new set does not have. Every read
/// first rolls a complete pending set forward and discards an incomplete one, so a process killed
/// at any moment leaves one consistent checkpoint.
/// </remarks>
public static class Checkpoint
{
    /// <summary>The network's parameters and buffers (safetensors, with the model id in the metadata).</summary>
    public const string WeightsFile = "weights.safetensors";
    /// <summary>The optimizer's <see cref="Optimizers.IOptimizer.State"/> (safetensors).</summary>
    public const string OptimizerFile = "optimizer.safetensors";
    /// <summary>The <see cref="Models.ModelCard"/> (JSON).</summary>
    public const string CardFile = "model.json";
    /// <summary>The <see cref="TrainerState"/> (JSON); written last, so its presence marks a complete set.</summary>
    public const string TrainerFile = "trainer.json";

    /// <summary>The weights of the best validation epoch so far (same layout as <see cref="WeightsFile"/>).</summary>
    public const string BestWeightsFile = "best.safetensors";

    /// <summary>The last epoch's weights, present only while <see cref="WeightsFile"/> holds the restored best ones.</summary>
    public const string LastWeightsFile = "last.safetensors";

    private const string PendingFolder = ".pending";
    private static readonly string[] CommitOrder = [WeightsFile, BestWeightsFile, LastWeightsFile, OptimizerFile, CardFile, TrainerFile];
    private static readonly string[] OptionalFiles = [BestWeightsFile, LastWeightsFile];

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
        Save(directory, WeightTensors(network), optimizerTensors, card, state, null, null);
    }

    /// <summary>
    /// The trainer's save: as <see cref="Save(string, Module, ModelCard, IOptimizer?, TrainerState)"/>
    /// plus the best epoch's weights and, when <c>weights.safetensors</c> holds those, the last epoch's.
    /// </summary>
    internal static void Save(
        string directory, Module network, ModelCard card, IOptimizer? optimizer, TrainerState state,
        IReadOnlyList<(string Name, Tensor Value)>? best, IReadOnlyList<(string Name, Tensor Value)>? last)
    {
        ArgumentNullException.ThrowIfNull(network);
        var optimizerTensors = optimizer is null
            ? new Dictionary<string, SafeTensor>()
            : optimizer.State.ToDictionary(p => p.Key, p => new SafeTensor(p.Value.Shape, p.Value.ToArray()), StringComparer.Ordinal);
        Save(directory, WeightTensors(network), optimizerTensors, card, state, best is null ? null : Tensors(best), last is null ? null : Tensors(last));
    }

    /// <summary>Writes a consistent checkpoint of a one-shot model: its fitted state as the weights, no optimizer state.</summary>
    public static void SaveFitted(string directory, IOneShotModel model, ModelCard card, TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        Save(directory, model.FittedState().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), [], card, state, null, null);
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

    private static void Save(
        string directory, Dictionary<string, SafeTensor> weights, Dictionary<string, SafeTensor> optimizerTensors, ModelCard card, TrainerState state,
        Dictionary<string, SafeTensor>? best, Dictionary<string, SafeTensor>? last)
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
        if (best is not null)
        {
            SafeTensorsFile.Write(Path.Combine(pending, BestWeightsFile), best, new Dictionary<string, string>(metadata) { ["epoch"] = state.BestEpoch.ToString(CultureInfo.InvariantCulture) });
        }

        if (last is not null)
        {
            SafeTensorsFile.Write(Path.Combine(pending, LastWeightsFile), last, metadata);
        }

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

    /// <summary>Reads <c>trainer.json</c> of the checkpoint in <paramref name="directory"/>, first completing or discarding an interrupted save.</summary>
    /// <exception cref="CheckpointException">The file is missing or malformed.</exception>
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
        LoadWeights(directory, WeightsFile, NetworkTensors(network), modelId);
    }

    /// <summary>Loads <paramref name="file"/> (a weights file of the folder) into <paramref name="targets"/>, checked as in <see cref="LoadWeights(string, Module, string)"/>.</summary>
    internal static void LoadWeights(string directory, string file, IReadOnlyList<(string Name, Tensor Value)> targets, string modelId)
    {
        Recover(directory);
        var path = Path.Combine(directory, file);
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        if (metadata.TryGetValue("model_id", out var stored) && !string.Equals(stored, modelId, StringComparison.Ordinal))
        {
            throw new CheckpointException($"{path}: the weights belong to model '{stored}', not '{modelId}'.");
        }

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
                else if (OptionalFiles.Contains(name))
                {
                    // Not part of the new set: a stale copy would pair old weights with the new state.
                    File.Delete(Path.Combine(directory, name));
                }
            }
        }

        Directory.Delete(pending, recursive: true);
    }

    /// <summary>Every parameter and buffer of <paramref name="network"/> under its dotted name: the tensors a weights file holds.</summary>
    internal static List<(string Name, Tensor Value)> NetworkTensors(Module network)
    {
        var targets = new List<(string Name, Tensor Value)>();
        targets.AddRange(network.NamedParameters().Select(p => (p.Name, p.Parameter.Value)));
        targets.AddRange(network.NamedBuffers());
        return targets;
    }

    private static Dictionary<string, SafeTensor> WeightTensors(Module network) => Tensors(NetworkTensors(network));

    private static Dictionary<string, SafeTensor> Tensors(IReadOnlyList<(string Name, Tensor Value)> named)
    {
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        foreach (var (name, value) in named)
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
