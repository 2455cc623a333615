using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Training;

namespace Qml.Host.Cli.Training;

/// <summary>Builds models and their data the same way for train, eval and predict.</summary>
internal static class ModelSetup
{
    /// <summary>The task and output width a dataset implies.</summary>
    public static (ModelTask Task, int Outputs) TaskOf(Dataset dataset) =>
        dataset.IsClassification ? (ModelTask.Classification, dataset.ClassCount)
        : dataset.IsRegression ? (ModelTask.Regression, dataset.TargetWidth)
        : throw new QmlException($"dataset '{dataset.Name}' has neither labels nor targets; a model cannot be trained on it.");

    /// <summary>Loads the dataset a card names with its recorded options.</summary>
    public static Dataset LoadDataset(HostSession session, ModelCard card, string checkpoint)
    {
        var name = card.Dataset ?? throw new QmlException($"the model card in {checkpoint} names no dataset; eval needs one to rebuild the test split.");
        var options = DatasetOptions.Default;
        foreach (var (key, value) in card.DatasetOptions)
        {
            options = options.With(key, value);
        }

        return session.FindDataset(name).Load(options);
    }

    /// <summary>Rebuilds the model a checkpoint holds, on <paramref name="backend"/>, and loads its weights.</summary>
    public static IModel LoadTrained(HostSession session, string checkpoint, ModelCard card, IBackend backend, DifferentiationMethod diff)
    {
        var factory = session.FindModel(card.ModelId);
        var context = new ModelContext(backend, diff, card.Seed, card.InputFeatures, card.Outputs, card.Task, card.SequenceLength);
        var model = factory.Create(ModelOptions.From(card.Options), context);
        if (!SameMajor(model.Card.ModelVersion, card.ModelVersion))
        {
            throw new Learning.Checkpoints.CheckpointException(
                $"{Path.Combine(checkpoint, Checkpoint.CardFile)}: the weights are of {card.ModelId} {card.ModelVersion}; the installed plugin builds {model.Card.ModelVersion}.");
        }

        if (model is IOneShotModel fitted)
        {
            Checkpoint.LoadFitted(checkpoint, fitted, card.ModelId);
        }
        else
        {
            Checkpoint.LoadWeights(checkpoint, model.Network, card.ModelId);
        }

        return model;
    }

    private static bool SameMajor(string a, string b) =>
        string.Equals(a.Split('.')[0], b.Split('.')[0], StringComparison.Ordinal);
}
