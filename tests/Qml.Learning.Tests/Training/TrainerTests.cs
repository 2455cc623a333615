using Qml.Abstractions;
using Qml.Learning.Models;
using Qml.Learning.Training;

namespace Qml.Learning.Tests.Training;

public sealed class TrainerTests
{
    private static TrainingOptions Options(string optimizer = "adam", int epochs = 6) => new()
    {
        Epochs = epochs, BatchSize = 16, LearningRate = optimizer is "lbfgs" ? 0.5 : 0.05, Optimizer = optimizer, Schedule = "cosine", Seed = 11,
        EvaluationsPerEpoch = 40,
    };

    [Test]
    public void An_mlp_trained_by_the_trainer_separates_two_moons()
    {
        var (model, data, card) = TinyMlp.Moons(seed: 1);
        var result = new Trainer(model, Options(epochs: 40)).Fit(data, card);

        Assert.That(result.Test.Metrics["accuracy"], Is.GreaterThanOrEqualTo(0.95), string.Join("\n", result.History));
        Assert.That(result.History, Has.Count.EqualTo(40));
        Assert.That(result.Card.Metrics["test_accuracy"], Is.EqualTo(result.Test.Metrics["accuracy"]));
        Assert.That(result.Card.Epoch, Is.EqualTo(40));
        Assert.That(result.History[^1].TrainLoss, Is.LessThan(result.History[0].TrainLoss));
    }

    [TestCase("adam")]
    [TestCase("adamw")]
    [TestCase("sgd")]
    [TestCase("lbfgs")]
    [TestCase("spsa")]
    [TestCase("nelder-mead")]
    [TestCase("cobyla")]
    public void Every_optimizer_trains_the_same_weights_for_a_seed_and_lowers_the_loss(string optimizer)
    {
        double[] Run(out TrainingResult result)
        {
            var (model, data, card) = TinyMlp.Moons(seed: 2);
            result = new Trainer(model, Options(optimizer, epochs: 4)).Fit(data, card);
            return TinyMlp.Weights(model);
        }

        var first = Run(out var result);
        var second = Run(out _);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(result.History[^1].TrainLoss, Is.LessThan(result.History[0].TrainLoss + 1e-12).Or.LessThan(0.35), string.Join("\n", result.History));
    }

    [TestCase("adam", 3)]
    [TestCase("sgd", 1)]
    [TestCase("lbfgs", 2)]
    [TestCase("spsa", 2)]
    public void A_run_stopped_after_epoch_k_and_resumed_reaches_bit_identical_weights(string optimizer, int k)
    {
        using var uninterruptedDir = new TempDirectory();
        using var resumedDir = new TempDirectory();
        var (model, data, card) = TinyMlp.Moons(seed: 5);
        var uninterrupted = new Trainer(model, Options(optimizer) with { CheckpointDirectory = uninterruptedDir.Path }).Fit(data, card);
        var expected = TinyMlp.Weights(model);

        var (first, data1, card1) = TinyMlp.Moons(seed: 5);
        var stopped = new Trainer(first, Options(optimizer) with { CheckpointDirectory = resumedDir.Path, StopAfterEpoch = k }).Fit(data1, card1);
        var (second, data2, card2) = TinyMlp.Moons(seed: 5);
        var resumed = new Trainer(second, Options(optimizer) with { CheckpointDirectory = resumedDir.Path, Resume = true }).Fit(data2, card2);

        Assert.That(stopped.Interrupted, Is.True);
        Assert.That(stopped.History, Has.Count.EqualTo(k));
        Assert.That(resumed.ResumedFromEpoch, Is.EqualTo(k));
        Assert.That(TinyMlp.Weights(second), Is.EqualTo(expected), "weights after resuming differ from an uninterrupted run");
        Assert.That(resumed.History.Select(h => h.TrainLoss), Is.EqualTo(uninterrupted.History.Select(h => h.TrainLoss)));
        Assert.That(File.ReadAllBytes(Path.Combine(resumedDir.Path, Checkpoint.WeightsFile)), Is.EqualTo(File.ReadAllBytes(Path.Combine(uninterruptedDir.Path, Checkpoint.WeightsFile))));
    }

    [Test]
    public void Early_stopping_ends_the_run_when_validation_loss_stops_improving()
    {
        var (model, data, card) = TinyMlp.Moons(seed: 3);
        var result = new Trainer(model, Options(epochs: 200) with { LearningRate = 0.3, Schedule = "none", Patience = 3 }).Fit(data, card);

        Assert.That(result.StoppedEarly, Is.True);
        Assert.That(result.History.Count, Is.LessThan(200));
        var best = result.History.Min(h => h.ValidationLoss);
        Assert.That(result.History.TakeLast(3).All(h => h.ValidationLoss > best), Is.True);
    }

    [Test]
    public void Progress_reports_every_batch_and_each_epoch_with_an_estimate()
    {
        var (model, data, card) = TinyMlp.Moons(seed: 4);
        var reports = new List<TrainingProgress>();
        new Trainer(model, Options(epochs: 2)).Fit(data, card, new SynchronousProgress(reports.Add));

        var batches = (data.Train.SampleCount + 15) / 16;
        Assert.That(reports, Has.Count.EqualTo(2 * (batches + 1)));
        Assert.That(reports.Count(r => r.Completed is not null), Is.EqualTo(2));
        Assert.That(reports[0].Batches, Is.EqualTo(batches));
        Assert.That(reports[0].MetricName, Is.EqualTo("accuracy"));
        Assert.That(reports[^1].Remaining, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase("rmsprop", "optimizer")]
    [TestCase("adam", "schedule")]
    public void Unknown_names_are_rejected_listing_the_valid_ones(string optimizer, string what)
    {
        var (model, _, _) = TinyMlp.Moons(seed: 1);
        var options = what == "optimizer" ? Options() with { Optimizer = optimizer } : Options() with { Schedule = "linear" };

        var error = Assert.Throws<QmlException>(() => _ = new Trainer(model, options));
        Assert.That(error!.Message, Does.Contain(what).And.Contain(what == "optimizer" ? "nelder-mead" : "cosine"));
    }

    [Test]
    public void Data_preparation_repeats_the_same_split_and_scaling_from_its_record()
    {
        var raw = Qml.Learning.Data.BuiltInDatasets.Load("moons");
        var (split, preparation) = DataPreparation.Fit(raw, seed: 9);
        var again = preparation.Apply(raw);

        Assert.That(again.Test.Features, Is.EqualTo(split.Test.Features));
        Assert.That(again.Validation.Labels, Is.EqualTo(split.Validation.Labels));
        var means = Enumerable.Range(0, 2).Select(j => Enumerable.Range(0, split.Train.SampleCount).Average(r => split.Train.Features[(r * 2) + j]));
        Assert.That(means, Is.All.EqualTo(0).Within(1e-12));
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
