using System.CommandLine;
using System.Globalization;
using Qml.Abstractions;
using Qml.Host.Cli.Training;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Training;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml train</c>: builds a model from a plugin factory, trains it on a dataset with a live
/// progress bar, checkpoints and reports each epoch into <c>--out</c>, and prints a summary.
/// With no arguments it trains the hybrid model on two moons on the CPU backend.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model to train (see `qml models`).", DefaultValueFactory = _ => "hybrid" };
        var dataset = new Option<string?>("--dataset") { Description = "Dataset (see `qml datasets`); default: the model's own default." };
        var backend = new BackendSelection();
        var diff = DiffOption();
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => 30 };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per mini-batch.", DefaultValueFactory = _ => 16 };
        var lr = new Option<double>("--lr") { Description = "Learning rate.", DefaultValueFactory = _ => 0.05 };
        var optimizer = new Option<string>("--optimizer") { Description = $"Optimizer: {string.Join(", ", TrainingOptions.OptimizerNames)}.", DefaultValueFactory = _ => "adam" };
        var schedule = new Option<string>("--schedule") { Description = $"Learning-rate schedule: {string.Join(", ", TrainingOptions.ScheduleNames)}.", DefaultValueFactory = _ => "none" };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, initial weights, shuffles and stochastic optimizers.", DefaultValueFactory = _ => 0 };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a lower validation loss (0 = off).", DefaultValueFactory = _ => 0 };
        var restoreBest = new Option<bool?>("--restore-best")
        {
            Description = "At the end put back the weights of the epoch with the lowest validation loss; the checkpoint, card and test metrics are then that epoch's (default: on with --patience, off without; --restore-best false turns it off).",
        };
        var evaluations = new Option<int>("--evaluations") { Description = "Objective evaluations per epoch for spsa, nelder-mead and cobyla.", DefaultValueFactory = _ => 100 };
        var scaling = new Option<string>("--scaling") { Description = $"Feature scaling fitted on the training part: {string.Join(", ", DataPreparation.ScalingNames)}.", DefaultValueFactory = _ => "standardize" };
        var output = new Option<string?>("--out") { Description = "Folder for checkpoints and reports (default: runs/MODEL-DATASET)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --out, exactly where it stopped." };
        var modelOptions = new Option<string[]>("--model-option", "-m") { Description = "Model setting as key=value, repeatable (e.g. -m qubits=4)." };
        var datasetOptions = new Option<string[]>("--dataset-option", "-d") { Description = "Dataset setting as key=value, repeatable (e.g. -d samples=400)." };
        var adversarial = new Option<bool>("--adversarial-training") { Description = "Mix FGSM examples (crafted against the current weights) into every mini-batch." };
        var adversarialEpsilon = new Option<double>("--adversarial-epsilon") { Description = "L∞ radius of those FGSM examples, in prepared feature units.", DefaultValueFactory = _ => 0.1 };
        var kernelCsv = new Option<string?>("--kernel-csv") { Description = "Kernel models (qsvm, rbf-svm): write train_kernel.csv and test_kernel.csv (test × train) into this folder." };

        var command = new Command("train", "Train a model on a dataset; writes checkpoints, metrics and plots to --out.");
        command.Options.Add(model);
        command.Options.Add(dataset);
        backend.AddTo(command);
        foreach (var option in new Option[] { diff, epochs, batchSize, lr, optimizer, schedule, seed, patience, restoreBest, evaluations, scaling, output, resume, modelOptions, datasetOptions, kernelCsv, adversarial, adversarialEpsilon })
        {
            command.Options.Add(option);
        }

        CommandAction.Set(command, (parseResult, cancellationToken) =>
        {
            var json = parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json;
            using var session = HostSession.Open(parseResult);
            var factory = session.FindModel(parseResult.GetValue(model)!);
            var datasetName = parseResult.GetValue(dataset) ?? factory.Describe().DefaultDataset;
            var provider = session.FindDataset(datasetName);
            var rawOptions = DatasetOptions.Parse(parseResult.GetValue(datasetOptions) ?? []);
            var raw = provider.Load(rawOptions);
            var (task, outputs) = ModelSetup.TaskOf(raw);
            var trainingOptions = new TrainingOptions
            {
                Epochs = parseResult.GetValue(epochs),
                BatchSize = parseResult.GetValue(batchSize),
                LearningRate = parseResult.GetValue(lr),
                Optimizer = parseResult.GetValue(optimizer)!.ToLowerInvariant(),
                Schedule = parseResult.GetValue(schedule)!.ToLowerInvariant(),
                Seed = parseResult.GetValue(seed),
                Patience = parseResult.GetValue(patience),
                RestoreBestWeights = parseResult.GetValue(restoreBest),
                EvaluationsPerEpoch = parseResult.GetValue(evaluations),
                CheckpointDirectory = Path.GetFullPath(parseResult.GetValue(output) ?? Path.Combine("runs", $"{factory.Name}-{provider.Name}")),
                Resume = parseResult.GetValue(resume),
                AdversarialEpsilon = parseResult.GetValue(adversarial) ? parseResult.GetValue(adversarialEpsilon) : 0,
            };
            if (!parseResult.GetValue(adversarial) && parseResult.GetResult(adversarialEpsilon) is { Implicit: false })
            {
                throw new QmlException("--adversarial-epsilon sets the radius of --adversarial-training; add --adversarial-training.");
            }

            if (parseResult.GetValue(adversarial) && !(trainingOptions.AdversarialEpsilon > 0))
            {
                throw new QmlException($"--adversarial-epsilon {trainingOptions.AdversarialEpsilon} is invalid with --adversarial-training: expected a positive number.");
            }

            var (split, preparation) = DataPreparation.Fit(raw, trainingOptions.Seed, parseResult.GetValue(scaling)!);
            var method = DifferentiationMethodNames.Parse(parseResult.GetValue(diff)!);
            using var quantum = session.CreateBackend(backend.Name(parseResult), backend.Options(parseResult));
            var context = new ModelContext(quantum, method, trainingOptions.Seed, raw.FeatureCount, outputs, task, raw.SequenceLength);
            var built = factory.Create(ModelOptions.Parse(parseResult.GetValue(modelOptions) ?? []), context);
            var card = built.Card with
            {
                Dataset = provider.Name,
                DatasetOptions = new SortedDictionary<string, string>(rawOptions.Values.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal),
                Preprocessing = preparation,
                ClassNames = raw.ClassNames,
                Backend = quantum.Info.Name,
                Differentiation = DifferentiationMethodNames.Name(method),
            };
            var kernelFolder = parseResult.GetValue(kernelCsv);
            if (kernelFolder is not null && built is not IKernelModel)
            {
                throw new QmlException($"--kernel-csv: model '{factory.Name}' is not a kernel model; only kernel models (qsvm, rbf-svm) have kernel matrices.");
            }

            var trainer = new Trainer(built, trainingOptions);
            var live = !json && !Console.IsOutputRedirected && !Console.IsErrorRedirected;
            if (!json)
            {
                var sizes = $"{split.Train.SampleCount}/{split.Validation.SampleCount}/{split.Test.SampleCount} train/val/test";
                Console.WriteLine(built is IOneShotModel
                    ? $"fitting {factory.Name} in one shot on {provider.Name} ({sizes}) on {quantum.Info.Name}"
                    : string.Create(
                        CultureInfo.InvariantCulture,
                        $"training {factory.Name} ({built.Network.ParameterCount} parameters) on {provider.Name} ({sizes}) with {trainingOptions.Optimizer} on {quantum.Info.Name} ({card.Differentiation}){(trainingOptions.AdversarialEpsilon > 0 ? $", adversarial training ε = {trainingOptions.AdversarialEpsilon}" : string.Empty)}"));
            }

            var result = TrainingProgressDisplay.Run(live, json ? Console.Error : Console.Out, progress => trainer.Fit(split, card, progress, cancellationToken));
            if (kernelFolder is not null)
            {
                ((IKernelModel)built).ExportKernels(Path.GetFullPath(kernelFolder), split.Test);
            }

            var summary = new TrainSummaryJson(
                result.Card.ModelId, result.Card.Dataset, result.Card.Backend, result.Card.Differentiation, trainingOptions.Optimizer, result.Card.Seed,
                result.History.Count > 0 ? result.History[^1].Epoch : result.Card.Epoch, result.RestoredBestEpoch, result.StoppedEarly, result.ResumedFromEpoch, result.Card.ParameterCount, Math.Round(result.Elapsed.TotalSeconds, 3),
                result.Card.Metrics.ToDictionary(p => p.Key, p => double.IsFinite(p.Value) ? p.Value : (double?)null, StringComparer.Ordinal),
                trainingOptions.CheckpointDirectory,
                trainingOptions.AdversarialEpsilon > 0 ? trainingOptions.AdversarialEpsilon : null);
            if (json)
            {
                JsonOutput.Write(summary);
                return Task.FromResult(ExitCodes.Success);
            }

            Console.Write(Summary(summary, ModelBase.MetricNames(task)));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    internal static Option<string> DiffOption() => new("--diff")
    {
        Description = $"How quantum layers differentiate: {string.Join(", ", DifferentiationMethodNames.All)}.",
        DefaultValueFactory = _ => "auto",
    };

    private static TableWriter Summary(TrainSummaryJson s, IReadOnlyList<string> metricNames)
    {
        var table = new TableWriter("RESULT", "VALUE");
        foreach (var name in metricNames)
        {
            table.Add($"test {name}", TrainingProgressDisplay.Metric(name, s.Metrics.GetValueOrDefault("test_" + name) ?? double.NaN));
        }

        table.Add("test loss", (s.Metrics.GetValueOrDefault("test_loss") ?? double.NaN).ToString("F4", CultureInfo.InvariantCulture));
        table.Add("epochs", s.Epochs.ToString(CultureInfo.InvariantCulture) + (s.StoppedEarly ? " (stopped early)" : string.Empty) + (s.ResumedFromEpoch > 0 ? $" (resumed after {s.ResumedFromEpoch})" : string.Empty));
        if (s.RestoredBestEpoch is { } best)
        {
            table.Add("weights", $"from epoch {best.ToString(CultureInfo.InvariantCulture)} (lowest validation loss)");
        }

        table.Add("parameters", s.ParameterCount.ToString(CultureInfo.InvariantCulture));
        table.Add("time", s.Seconds.ToString("F1", CultureInfo.InvariantCulture) + " s");
        table.Add("output", s.Output);
        return table;
    }

    private sealed record TrainSummaryJson(
        string Model, string? Dataset, string? Backend, string Differentiation, string Optimizer, int Seed, int Epochs, int? RestoredBestEpoch, bool StoppedEarly,
        int ResumedFromEpoch, int ParameterCount, double Seconds, IReadOnlyDictionary<string, double?> Metrics, string Output, double? AdversarialEpsilon);
}
