using Qml.Learning.Data;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Training;

namespace Qml.Learning.Tests.Training;

/// <summary>Dropout masks are part of what a resumed run must repeat exactly.</summary>
public sealed class DropoutResumeTests
{
    private static TrainingOptions Options(string? directory) => new()
    {
        Epochs = 6, BatchSize = 16, LearningRate = 0.05, Optimizer = "adam", Schedule = "cosine", Seed = 11, CheckpointDirectory = directory,
    };

    [TestCase(1)]
    [TestCase(4)]
    public void A_model_with_dropout_stopped_after_epoch_k_and_resumed_reaches_bit_identical_weights(int k)
    {
        using var uninterruptedDir = new TempDirectory();
        using var resumedDir = new TempDirectory();
        var (model, data, card) = DropoutMlp.Moons(probability: 0.3);
        var uninterrupted = new Trainer(model, Options(uninterruptedDir.Path)).Fit(data, card);

        var (first, data1, card1) = DropoutMlp.Moons(probability: 0.3);
        new Trainer(first, Options(resumedDir.Path) with { StopAfterEpoch = k }).Fit(data1, card1);
        var (second, data2, card2) = DropoutMlp.Moons(probability: 0.3);
        var resumed = new Trainer(second, Options(resumedDir.Path) with { Resume = true }).Fit(data2, card2);

        Assert.That(resumed.ResumedFromEpoch, Is.EqualTo(k));
        Assert.That(TinyMlp.Weights(second), Is.EqualTo(TinyMlp.Weights(model)), "weights after resuming differ from an uninterrupted run");
        Assert.That(resumed.History.Select(h => h.TrainLoss), Is.EqualTo(uninterrupted.History.Select(h => h.TrainLoss)));
        Assert.That(File.ReadAllBytes(resumedDir.File(Checkpoint.WeightsFile)), Is.EqualTo(File.ReadAllBytes(uninterruptedDir.File(Checkpoint.WeightsFile))));
    }

    [Test]
    public void Dropout_changes_training_and_the_same_seed_repeats_it()
    {
        double[] Train(double probability)
        {
            var (model, data, card) = DropoutMlp.Moons(probability);
            new Trainer(model, Options(null) with { Epochs = 2 }).Fit(data, card);
            return TinyMlp.Weights(model);
        }

        var first = Train(0.3);
        var second = Train(0.3);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(Train(0), Is.Not.EqualTo(first), "the masks do take part in training");
    }

    /// <summary>Dense → tanh → dropout → dense → dropout → dense: two dropout layers with the same seed, so their place in the network must tell them apart.</summary>
    private sealed class DropoutMlp : ModelBase
    {
        private DropoutMlp(int features, int outputs, double probability)
        {
            var random = new Random(5);
            Network = new Sequential(
                new Dense(features, 12, random), new Tanh(), new Dropout(probability, seed: 7),
                new Dense(12, 12, random), new Tanh(), new Dropout(probability, seed: 7),
                new Dense(12, outputs, random, init: Initialization.XavierUniform));
            Card = new ModelCard { ModelId = "dropout-mlp", Task = ModelTask.Classification, InputFeatures = features, Outputs = outputs, ParameterCount = Network.ParameterCount };
        }

        public override ModelCard Card { get; }

        public override Module Network { get; }

        public static (DropoutMlp Model, DatasetSplit Data, ModelCard Card) Moons(double probability)
        {
            var raw = BuiltInDatasets.Load("moons", DatasetOptions.Default.With("samples", "160").With("seed", "3"));
            var (split, preparation) = DataPreparation.Fit(raw, 5);
            var model = new DropoutMlp(raw.FeatureCount, raw.ClassCount, probability);
            return (model, split, model.Card with { Dataset = "moons", Preprocessing = preparation });
        }
    }
}
