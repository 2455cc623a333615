using Qml.Learning.Checkpoints;
using Qml.Learning.Models;
using Qml.Learning.Training;

namespace Qml.Learning.Tests.Training;

public sealed class CheckpointTests
{
    private static TrainingOptions Options(string directory) => new() { Epochs = 2, Seed = 1, CheckpointDirectory = directory };

    private static (TinyMlp Model, TempDirectory Directory) Trained(string id = "tiny-mlp")
    {
        var folder = new TempDirectory();
        var (model, data, card) = TinyMlp.Moons(seed: 1, id: id);
        new Trainer(model, Options(folder.Path)).Fit(data, card);
        return (model, folder);
    }

    [Test]
    public void A_checkpoint_holds_weights_optimizer_card_and_trainer_state_that_load_back()
    {
        var (model, folder) = Trained();
        using var _ = folder;
        var fresh = new TinyMlp(2, 2, ModelTask.Classification, seed: 99);

        Checkpoint.LoadWeights(folder.Path, fresh.Network, "tiny-mlp");
        var card = Checkpoint.ReadCard(folder.Path);
        var state = Checkpoint.ReadState(folder.Path);
        var (weights, metadata) = SafeTensorsFile.Read(folder.File(Checkpoint.WeightsFile));
        var (optimizer, _) = SafeTensorsFile.Read(folder.File(Checkpoint.OptimizerFile));

        Assert.That(TinyMlp.Weights(fresh), Is.EqualTo(TinyMlp.Weights(model)));
        Assert.That(weights.Keys, Is.EquivalentTo(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }));
        Assert.That(metadata["model_id"], Is.EqualTo("tiny-mlp"));
        Assert.That(optimizer.Keys, Does.Contain("step").And.Contain("0.exp_avg"));
        Assert.That(card.Epoch, Is.EqualTo(2));
        Assert.That(card.Metrics.Keys, Does.Contain("test_accuracy").And.Contain("val_loss"));
        Assert.That(card.Preprocessing!.Offsets, Has.Length.EqualTo(2));
        Assert.That(state.EpochsCompleted, Is.EqualTo(2));
        Assert.That(state.History, Has.Count.EqualTo(2));
        Assert.That(Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName), Has.None.StartsWith("."), "no temporary files are left behind");
    }

    [Test]
    public void A_truncated_weights_file_is_rejected_naming_the_file()
    {
        var (_, folder) = Trained();
        using var _ = folder;
        var path = folder.File(Checkpoint.WeightsFile);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^9]);

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.LoadWeights(folder.Path, new TinyMlp(2, 2, ModelTask.Classification, 1).Network, "tiny-mlp"));
        Assert.That(error!.Message, Does.Contain(path));
    }

    [Test]
    public void A_missing_tensor_is_rejected_naming_the_file_and_tensor()
    {
        var (model, folder) = Trained();
        using var _ = folder;
        var path = folder.File(Checkpoint.WeightsFile);
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        SafeTensorsFile.Write(path, tensors.Where(t => t.Key != "2.bias").ToDictionary(), metadata);
        var target = new TinyMlp(2, 2, ModelTask.Classification, 7);
        var before = TinyMlp.Weights(target);

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.LoadWeights(folder.Path, target.Network, "tiny-mlp"));
        Assert.That(error!.Message, Does.Contain(path).And.Contain("'2.bias'").And.Contain("missing"));
        Assert.That(TinyMlp.Weights(target), Is.EqualTo(before), "a rejected checkpoint changes nothing");
    }

    [Test]
    public void A_tensor_of_the_wrong_shape_is_rejected_naming_both_shapes()
    {
        var (_, folder) = Trained();
        using var _ = folder;
        var wider = new TinyMlp(2, 2, ModelTask.Classification, 1, hidden: 8);

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.LoadWeights(folder.Path, wider.Network, "tiny-mlp"));
        Assert.That(error!.Message, Does.Contain("'0.weight'").And.Contain("[16, 2]").And.Contain("[8, 2]"));
    }

    [Test]
    public void Weights_of_another_model_are_rejected_and_so_is_resuming_them()
    {
        var (_, folder) = Trained(id: "other-model");
        using var _ = folder;
        var (model, data, card) = TinyMlp.Moons(seed: 1);

        var load = Assert.Throws<CheckpointException>(() => Checkpoint.LoadWeights(folder.Path, model.Network, "tiny-mlp"));
        var resume = Assert.Throws<CheckpointException>(() => new Trainer(model, Options(folder.Path) with { Resume = true }).Fit(data, card));
        Assert.That(load!.Message, Does.Contain("other-model").And.Contain(Checkpoint.WeightsFile));
        Assert.That(resume!.Message, Does.Contain("other-model").And.Contain(Checkpoint.CardFile));
    }

    [Test]
    public void A_corrupt_model_card_or_optimizer_state_is_rejected()
    {
        var (model, folder) = Trained();
        using var _ = folder;
        File.WriteAllText(folder.File(Checkpoint.CardFile), "{ \"modelId\": ");
        var card = Assert.Throws<CheckpointException>(() => Checkpoint.ReadCard(folder.Path));
        Assert.That(card!.Message, Does.Contain(Checkpoint.CardFile));

        SafeTensorsFile.Write(folder.File(Checkpoint.OptimizerFile), new Dictionary<string, SafeTensor> { ["step"] = new([], [1]) });
        var optimizer = Assert.Throws<CheckpointException>(() => Checkpoint.LoadOptimizer(folder.Path, Trainer.CreateOptimizer("adam", model.Network.Parameters(), 0.1)!));
        Assert.That(optimizer!.Message, Does.Contain(Checkpoint.OptimizerFile).And.Contain("missing"));
    }

    [Test]
    public void An_interrupted_save_is_rolled_forward_when_complete_and_discarded_when_not()
    {
        var (_, folder) = Trained();
        using var _ = folder;
        var pending = Path.Combine(folder.Path, ".pending");
        var state = Checkpoint.ReadState(folder.Path);

        // Killed after the new set was complete but before all of it was moved: finish the move.
        Directory.CreateDirectory(pending);
        File.WriteAllText(Path.Combine(pending, Checkpoint.TrainerFile), (state with { EpochsCompleted = 7 }).ToJson());
        Assert.That(Checkpoint.ReadState(folder.Path).EpochsCompleted, Is.EqualTo(7));
        Assert.That(Directory.Exists(pending), Is.False);

        // Killed before the set was complete: keep the previous checkpoint.
        Directory.CreateDirectory(pending);
        File.WriteAllBytes(Path.Combine(pending, Checkpoint.WeightsFile), [1, 2, 3]);
        Assert.That(Checkpoint.ReadState(folder.Path).EpochsCompleted, Is.EqualTo(7));
        Assert.DoesNotThrow(() => Checkpoint.LoadWeights(folder.Path, new TinyMlp(2, 2, ModelTask.Classification, 1).Network, "tiny-mlp"));
    }
}
