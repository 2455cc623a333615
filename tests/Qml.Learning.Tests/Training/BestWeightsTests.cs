using Qml.Learning.Checkpoints;
using Qml.Learning.Training;

namespace Qml.Learning.Tests.Training;

/// <summary>Restoring the weights of the best validation epoch at the end of a run (<see cref="TrainingOptions.RestoreBestWeights"/>).</summary>
public sealed class BestWeightsTests
{
    // A rate this high overshoots: validation loss bottoms out after a few epochs and then rises.
    private static TrainingOptions Options(string? directory = null, int patience = 3, int epochs = 40) => new()
    {
        Epochs = epochs, BatchSize = 16, LearningRate = 0.3, Optimizer = "adam", Schedule = "none", Seed = 11, Patience = patience,
        CheckpointDirectory = directory,
    };

    [Test]
    public void Early_stopping_returns_and_saves_the_weights_of_the_best_validation_epoch_bit_for_bit()
    {
        using var folder = new TempDirectory();
        var (model, data, card) = TinyMlp.Moons(seed: 3);
        var result = new Trainer(model, Options(folder.Path)).Fit(data, card);
        var bestEpoch = BestEpoch(result);

        Assert.That(result.StoppedEarly, Is.True);
        Assert.That(bestEpoch, Is.LessThan(result.History.Count), "validation loss rose after the best epoch");
        var (atBest, atBestResult) = WeightsAfter(bestEpoch);

        Assert.That(result.RestoredBestEpoch, Is.EqualTo(bestEpoch));
        Assert.That(TinyMlp.Weights(model), Is.EqualTo(atBest), "returned weights are the best epoch's");
        Assert.That(SavedWeights(folder.File(Checkpoint.WeightsFile)), Is.EqualTo(atBest), "weights.safetensors holds the best epoch's weights");
        Assert.That(SavedWeights(folder.File(Checkpoint.BestWeightsFile)), Is.EqualTo(atBest));
        Assert.That(SavedWeights(folder.File(Checkpoint.LastWeightsFile)), Is.EqualTo(WeightsAfter(result.History.Count).Weights));

        var saved = Checkpoint.ReadCard(folder.Path);
        Assert.That(saved.Epoch, Is.EqualTo(bestEpoch), "the card names the epoch the weights are from");
        Assert.That(saved.Metrics["val_loss"], Is.EqualTo(result.History[bestEpoch - 1].ValidationLoss));
        Assert.That(Checkpoint.ReadState(folder.Path).RestoredBestEpoch, Is.EqualTo(bestEpoch));
        Assert.That(Checkpoint.ReadState(folder.Path).EpochsCompleted, Is.EqualTo(result.History.Count));

        // The test metrics are those of the restored weights, not of the last epoch's.
        var again = Evaluation.Of(model, data.Test);
        Assert.That(result.Test.Loss, Is.EqualTo(again.Loss));
        Assert.That(result.Test.Loss, Is.EqualTo(atBestResult.Test.Loss));
        Assert.That(result.Card.Metrics["test_loss"], Is.EqualTo(atBestResult.Test.Loss));
        Assert.That(result.Card.Metrics["test_accuracy"], Is.EqualTo(atBestResult.Test.Metrics["accuracy"]));
    }

    [Test]
    public void Restoring_is_on_by_default_only_with_early_stopping_and_can_be_switched_either_way()
    {
        var (kept, data, card) = TinyMlp.Moons(seed: 3);
        var keptResult = new Trainer(kept, Options() with { RestoreBestWeights = false }).Fit(data, card);
        var (plain, data2, card2) = TinyMlp.Moons(seed: 3);
        var plainResult = new Trainer(plain, Options(patience: 0, epochs: 12)).Fit(data2, card2);
        var (forced, data3, card3) = TinyMlp.Moons(seed: 3);
        var forcedResult = new Trainer(forced, Options(patience: 0, epochs: 12) with { RestoreBestWeights = true }).Fit(data3, card3);

        Assert.That(keptResult.RestoredBestEpoch, Is.Null);
        Assert.That(keptResult.Card.Epoch, Is.EqualTo(keptResult.History.Count));
        Assert.That(TinyMlp.Weights(kept), Is.EqualTo(WeightsAfter(keptResult.History.Count).Weights));
        Assert.That(plainResult.RestoredBestEpoch, Is.Null);
        Assert.That(plainResult.Card.Epoch, Is.EqualTo(12));
        Assert.That(TinyMlp.Weights(plain), Is.EqualTo(WeightsAfter(12).Weights));
        Assert.That(BestEpoch(forcedResult), Is.LessThan(12));
        Assert.That(forcedResult.RestoredBestEpoch, Is.EqualTo(BestEpoch(forcedResult)));
        Assert.That(TinyMlp.Weights(forced), Is.EqualTo(WeightsAfter(BestEpoch(forcedResult)).Weights));
    }

    [TestCase(2)]
    [TestCase(6)]
    public void A_run_resumed_before_or_after_its_best_epoch_ends_with_the_same_weights_and_files(int stopAfter)
    {
        using var uninterruptedDir = new TempDirectory();
        using var resumedDir = new TempDirectory();
        var (model, data, card) = TinyMlp.Moons(seed: 3);
        var uninterrupted = new Trainer(model, Options(uninterruptedDir.Path)).Fit(data, card);
        var bestEpoch = BestEpoch(uninterrupted);

        var (first, data1, card1) = TinyMlp.Moons(seed: 3);
        var stopped = new Trainer(first, Options(resumedDir.Path) with { StopAfterEpoch = stopAfter }).Fit(data1, card1);
        var (second, data2, card2) = TinyMlp.Moons(seed: 3);
        var resumed = new Trainer(second, Options(resumedDir.Path) with { Resume = true }).Fit(data2, card2);

        Assert.That(stopAfter, Is.LessThan(uninterrupted.History.Count));
        Assert.That(stopped.RestoredBestEpoch, Is.Null, "an interrupted run keeps training's weights");
        Assert.That(resumed.ResumedFromEpoch, Is.EqualTo(stopAfter));
        Assert.That(resumed.RestoredBestEpoch, Is.EqualTo(bestEpoch));
        Assert.That(TinyMlp.Weights(second), Is.EqualTo(TinyMlp.Weights(model)));
        Assert.That(resumed.Test.Loss, Is.EqualTo(uninterrupted.Test.Loss));
        foreach (var file in new[] { Checkpoint.WeightsFile, Checkpoint.BestWeightsFile, Checkpoint.LastWeightsFile, Checkpoint.OptimizerFile })
        {
            Assert.That(File.ReadAllBytes(resumedDir.File(file)), Is.EqualTo(File.ReadAllBytes(uninterruptedDir.File(file))), file);
        }
    }

    [Test]
    public void Resuming_a_finished_run_that_restored_its_best_weights_continues_from_the_last_epoch()
    {
        using var extendedDir = new TempDirectory();
        using var straightDir = new TempDirectory();
        var (model, data, card) = TinyMlp.Moons(seed: 3);
        var finished = new Trainer(model, Options(extendedDir.Path, patience: 0, epochs: 12) with { RestoreBestWeights = true }).Fit(data, card);
        var (extended, data1, card1) = TinyMlp.Moons(seed: 3);
        var resumed = new Trainer(extended, Options(extendedDir.Path, patience: 0, epochs: 16) with { Resume = true, RestoreBestWeights = false }).Fit(data1, card1);
        var (straight, data2, card2) = TinyMlp.Moons(seed: 3);
        new Trainer(straight, Options(straightDir.Path, patience: 0, epochs: 16)).Fit(data2, card2);

        Assert.That(finished.RestoredBestEpoch, Is.LessThan(12), "the first run did swap in earlier weights");
        Assert.That(resumed.ResumedFromEpoch, Is.EqualTo(12));
        Assert.That(TinyMlp.Weights(extended), Is.EqualTo(TinyMlp.Weights(straight)));
        Assert.That(File.Exists(extendedDir.File(Checkpoint.LastWeightsFile)), Is.False, "weights.safetensors is the last epoch's again, so the stale copy is gone");
        Assert.That(File.ReadAllBytes(extendedDir.File(Checkpoint.WeightsFile)), Is.EqualTo(File.ReadAllBytes(straightDir.File(Checkpoint.WeightsFile))));
    }

    [Test]
    public void Resuming_with_restore_from_a_checkpoint_without_a_best_copy_is_refused_naming_the_file()
    {
        using var folder = new TempDirectory();
        var (model, data, card) = TinyMlp.Moons(seed: 3);
        new Trainer(model, Options(folder.Path) with { StopAfterEpoch = 3 }).Fit(data, card);
        File.Delete(folder.File(Checkpoint.BestWeightsFile));
        var (again, data1, card1) = TinyMlp.Moons(seed: 3);

        var error = Assert.Throws<CheckpointException>(() => new Trainer(again, Options(folder.Path) with { Resume = true }).Fit(data1, card1));

        Assert.That(error!.Message, Does.Contain(folder.File(Checkpoint.BestWeightsFile)).And.Contain("--restore-best false"));
    }

    private static int BestEpoch(TrainingResult result) => result.History.MinBy(h => h.ValidationLoss)!.Epoch;

    /// <summary>The weights (and the result) of the same run ended after <paramref name="epoch"/> epochs, keeping that epoch's weights.</summary>
    private static (double[] Weights, TrainingResult Result) WeightsAfter(int epoch)
    {
        var (model, data, card) = TinyMlp.Moons(seed: 3);
        var result = new Trainer(model, Options() with { StopAfterEpoch = epoch, RestoreBestWeights = false }).Fit(data, card);
        return (TinyMlp.Weights(model), result);
    }

    private static double[] SavedWeights(string path)
    {
        var (tensors, _) = SafeTensorsFile.Read(path);
        return [.. new[] { "0.weight", "0.bias", "2.weight", "2.bias" }.SelectMany(name => tensors[name].Values)];
    }
}
