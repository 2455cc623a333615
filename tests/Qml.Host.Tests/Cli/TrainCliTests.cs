using System.Text.Json;
using System.Xml.Linq;

namespace Qml.Host.Tests.Cli;

/// <summary>End-to-end checks of qml train, eval, predict, models and datasets against the built host and plugins.</summary>
[NonParallelizable]
public sealed class TrainCliTests
{
    private string _folder = null!;

    private string Run => Path.Combine(_folder, "run");

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _folder = Directory.CreateTempSubdirectory("qml-train-cli-").FullName;
        var outcome = QmlProcess.Run("train", "--epochs", "4", "--seed", "1", "-d", "samples=120", "--out", Run);
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        Assert.That(outcome.StandardOutput, Does.Contain("test accuracy").And.Contain("parameters").And.Contain(Run));
        Assert.That(outcome.StandardOutput, Does.Contain("epoch 4/4"), "redirected output falls back to one line per epoch");
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Train_writes_the_checkpoint_metrics_and_plots()
    {
        string[] expected =
        [
            "weights.safetensors", "optimizer.safetensors", "model.json", "trainer.json",
            "metrics.csv", "metrics.json", "loss.svg", "metric.svg", "confusion.svg",
        ];

        Assert.That(expected.Where(f => !File.Exists(Path.Combine(Run, f))), Is.Empty);
        Assert.That(File.ReadAllLines(Path.Combine(Run, "metrics.csv")), Has.Length.EqualTo(5));
        foreach (var svg in expected.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)))
        {
            Assert.That(XDocument.Load(Path.Combine(Run, svg)).Root!.Name.LocalName, Is.EqualTo("svg"), svg);
        }

        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(Run, "model.json")));
        Assert.That(card.RootElement.GetProperty("modelId").GetString(), Is.EqualTo("hybrid"));
        Assert.That(card.RootElement.GetProperty("dataset").GetString(), Is.EqualTo("moons"));
        Assert.That(card.RootElement.GetProperty("epoch").GetInt32(), Is.EqualTo(4));
        Assert.That(card.RootElement.GetProperty("datasetOptions").GetProperty("samples").GetString(), Is.EqualTo("120"));
    }

    [Test]
    public void Eval_reproduces_the_recorded_test_accuracy_on_the_cpu_mps_and_opencl_backends()
    {
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(Run, "model.json")));
        var recorded = card.RootElement.GetProperty("metrics").GetProperty("test_accuracy").GetDouble();
        var losses = new Dictionary<string, double>();

        foreach (var backend in new[] { "cpu", "mps", "opencl" })
        {
            var outcome = QmlProcess.Run("eval", "--checkpoint", Run, "--backend", backend, "--format", "json");

            Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
            using var json = JsonDocument.Parse(outcome.StandardOutput);
            Assert.That(json.RootElement.GetProperty("backend").GetString(), Is.EqualTo(backend));
            Assert.That(json.RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble(), Is.EqualTo(recorded), backend);
            Assert.That(json.RootElement.GetProperty("recorded").GetProperty("accuracy").GetDouble(), Is.EqualTo(recorded));
            losses[backend] = json.RootElement.GetProperty("metrics").GetProperty("loss").GetDouble();
        }

        // Exact double-precision backends agree on the model's outputs, not just on its accuracy.
        Assert.That(losses["mps"], Is.EqualTo(losses["cpu"]).Within(1e-10));
        Assert.That(losses["opencl"], Is.EqualTo(losses["cpu"]).Within(1e-10));
    }

    [Test]
    public void A_forty_qubit_reuploading_model_trains_end_to_end_on_the_mps_backend()
    {
        // 40 qubits is beyond any statevector here (2^40 amplitudes); the re-uploading circuit's
        // CZ chain keeps bonds small, so the MPS runs it, parameter shifts included.
        var output = Path.Combine(_folder, "mps40");

        var outcome = QmlProcess.Run(
            "train", "--model", "reuploading", "-m", "qubits=40", "-m", "layers=1", "-b", "mps",
            "--epochs", "3", "--dataset", "circles", "-d", "samples=60", "--batch-size", "12", "--out", output, "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        Assert.That(json.RootElement.GetProperty("backend").GetString(), Is.EqualTo("mps"));
        Assert.That(json.RootElement.GetProperty("differentiation").GetString(), Is.EqualTo("auto"));
        Assert.That(json.RootElement.GetProperty("metrics").GetProperty("test_accuracy").GetDouble(), Is.GreaterThanOrEqualTo(0.9));
    }

    [Test]
    public void Predict_classifies_raw_feature_rows_and_rejects_the_wrong_width()
    {
        var csv = Path.Combine(_folder, "rows.csv");
        File.WriteAllText(csv, "x,y\n-1,0.2\n2,0.3\n");

        var one = QmlProcess.Run("predict", "--checkpoint", Run, "--features", "0.5,0.8");
        var file = QmlProcess.Run("predict", "--checkpoint", Run, "--input", csv, "--format", "json");
        var wrong = QmlProcess.Run("predict", "--checkpoint", Run, "--features", "1,2,3");

        Assert.That(one.ExitCode, Is.Zero, one.ToString());
        Assert.That(one.StandardOutput, Does.Contain("CLASS").And.Contain("PROBABILITY"));
        Assert.That(file.ExitCode, Is.Zero, file.ToString());
        using var json = JsonDocument.Parse(file.StandardOutput);
        Assert.That(json.RootElement.GetArrayLength(), Is.EqualTo(2));
        Assert.That(json.RootElement[0].GetProperty("probabilities").EnumerateArray().Sum(p => p.GetDouble()), Is.EqualTo(1).Within(1e-12));
        Assert.That(wrong.ExitCode, Is.EqualTo(2), wrong.ToString());
        Assert.That(wrong.StandardError, Does.Contain("3 features").And.Contain("takes 2"));
    }

    [Test]
    public void Resume_continues_after_the_last_epoch()
    {
        var copy = Path.Combine(_folder, "resumed");
        CopyFolder(Run, copy);

        var outcome = QmlProcess.Run("train", "--epochs", "5", "--seed", "1", "-d", "samples=120", "--out", copy, "--resume", "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        Assert.That(json.RootElement.GetProperty("resumedFromEpoch").GetInt32(), Is.EqualTo(4));
        Assert.That(json.RootElement.GetProperty("epochs").GetInt32(), Is.EqualTo(5));
        Assert.That(outcome.StandardError, Does.Contain("epoch 5/5").And.Not.Contain("epoch 4/5"));
    }

    [Test]
    public void Early_stopping_restores_the_best_epochs_weights_which_eval_reproduces_and_restore_best_false_keeps_the_last()
    {
        // At --lr 0.3 validation loss bottoms out at an early epoch, then rises until --patience stops the run.
        string[] run = ["train", "--epochs", "6", "--seed", "1", "-d", "samples=120", "--lr", "0.3", "--patience", "2", "--format", "json"];
        var restoredFolder = Path.Combine(_folder, "restored");
        var keptFolder = Path.Combine(_folder, "kept");

        var restored = QmlProcess.Run([.. run, "--out", restoredFolder]);
        var kept = QmlProcess.Run([.. run, "--out", keptFolder, "--restore-best", "false"]);
        var eval = QmlProcess.Run("eval", "--checkpoint", restoredFolder, "--format", "json");
        var table = QmlProcess.Run([.. run[..^2], "--out", Path.Combine(_folder, "restored-table")]);

        Assert.That(restored.ExitCode, Is.Zero, restored.ToString());
        Assert.That(kept.ExitCode, Is.Zero, kept.ToString());
        Assert.That(eval.ExitCode, Is.Zero, eval.ToString());
        using var summary = JsonDocument.Parse(restored.StandardOutput);
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(restoredFolder, "trainer.json")));
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(restoredFolder, "model.json")));
        var history = state.RootElement.GetProperty("history").EnumerateArray()
            .Select(h => (Epoch: h.GetProperty("epoch").GetInt32(), Loss: h.GetProperty("validationLoss").GetDouble())).ToList();
        var best = history.MinBy(h => h.Loss).Epoch;
        Assert.That(best, Is.LessThan(history.Count), "the run kept training past its best epoch");
        Assert.That(summary.RootElement.GetProperty("stoppedEarly").GetBoolean(), Is.True);
        Assert.That(summary.RootElement.GetProperty("epochs").GetInt32(), Is.EqualTo(history.Count));
        Assert.That(summary.RootElement.GetProperty("restoredBestEpoch").GetInt32(), Is.EqualTo(best));
        Assert.That(card.RootElement.GetProperty("epoch").GetInt32(), Is.EqualTo(best), "the card names the epoch of its weights");
        Assert.That(File.Exists(Path.Combine(restoredFolder, "best.safetensors")) && File.Exists(Path.Combine(restoredFolder, "last.safetensors")), Is.True);
        Assert.That(table.StandardOutput, Does.Contain($"from epoch {best} (lowest validation loss)").And.Match($@"epochs\s+{history.Count} \(stopped early\)"), table.ToString());

        using var evaluated = JsonDocument.Parse(eval.StandardOutput);
        var recorded = card.RootElement.GetProperty("metrics");
        Assert.That(evaluated.RootElement.GetProperty("metrics").GetProperty("loss").GetDouble(), Is.EqualTo(recorded.GetProperty("test_loss").GetDouble()).Within(1e-12));
        Assert.That(evaluated.RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble(), Is.EqualTo(recorded.GetProperty("test_accuracy").GetDouble()));

        using var keptSummary = JsonDocument.Parse(kept.StandardOutput);
        using var keptCard = JsonDocument.Parse(File.ReadAllText(Path.Combine(keptFolder, "model.json")));
        Assert.That(keptSummary.RootElement.GetProperty("restoredBestEpoch").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(keptCard.RootElement.GetProperty("epoch").GetInt32(), Is.EqualTo(history.Count));
        Assert.That(keptSummary.RootElement.GetProperty("metrics").GetProperty("test_loss").GetDouble(), Is.Not.EqualTo(recorded.GetProperty("test_loss").GetDouble()));
    }

    [Test]
    public void A_corrupt_checkpoint_exits_with_two_naming_the_file()
    {
        var copy = Path.Combine(_folder, "corrupt");
        CopyFolder(Run, copy);
        var weights = Path.Combine(copy, "weights.safetensors");
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..40]);

        var outcome = QmlProcess.Run("eval", "--checkpoint", copy);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.StandardError, Does.StartWith("error: ").And.Contain(weights));
    }

    [Test]
    public void Unknown_model_or_dataset_exits_with_two_listing_the_valid_ones()
    {
        var model = QmlProcess.Run("train", "--model", "no-such-model");
        var dataset = QmlProcess.Run("train", "--dataset", "no-such-data");

        Assert.That(model.ExitCode, Is.EqualTo(2), model.ToString());
        Assert.That(model.StandardError, Does.Contain("unknown model 'no-such-model'").And.Contain("hybrid"));
        Assert.That(dataset.ExitCode, Is.EqualTo(2), dataset.ToString());
        Assert.That(dataset.StandardError, Does.Contain("unknown dataset 'no-such-data'").And.Contain("moons").And.Contain("circles"));
    }

    [Test]
    public void Models_and_datasets_list_the_hybrid_model_and_the_built_in_datasets()
    {
        var table = QmlProcess.Run("models");
        var models = QmlProcess.Run("models", "--format", "json");
        var datasets = QmlProcess.Run("datasets", "--format", "json");

        Assert.That(table.ExitCode, Is.Zero, table.ToString());
        Assert.That(table.StandardOutput, Does.Match(@"hybrid\s+classification\s+moons\s+38\s+qubits=4 layers=2"));
        Assert.That(table.StandardOutput, Does.Match(@"qsvm\s+classification\s+adhoc\s+after fit\s+c=1"));
        using var modelJson = JsonDocument.Parse(models.StandardOutput);
        var hybrid = modelJson.RootElement.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "hybrid");
        Assert.That(hybrid.GetProperty("plugin").GetString(), Is.EqualTo("Qml.Models.Classifiers"));
        Assert.That(hybrid.GetProperty("parameterCount").GetInt32(), Is.EqualTo(38));
        Assert.That(hybrid.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()), Does.Contain("qubits"));
        using var datasetJson = JsonDocument.Parse(datasets.StandardOutput);
        var moons = datasetJson.RootElement.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "moons");
        Assert.That(moons.GetProperty("origin").GetString(), Is.EqualTo("built-in"));
        Assert.That(moons.GetProperty("task").GetString(), Is.EqualTo("classification"));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
