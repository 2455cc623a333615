using System.CommandLine;
using System.Globalization;
using Qml.Abstractions;
using Qml.Host.Cli.Training;
using Qml.Learning.Adversarial;
using Qml.Learning.Data;
using Qml.Learning.Quantum;
using Qml.Learning.Training;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml attack --checkpoint DIR --epsilon E</c>: rebuilds a trained model, attacks its test split
/// (or every sample of <c>--dataset</c>, prepared as in training) with FGSM or PGD on the prepared
/// features, using input gradients through the whole model, and reports clean and adversarial
/// accuracy and loss.
/// </summary>
internal static class AttackCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A folder written by `qml train --out`.", Required = true };
        var epsilon = new Option<double>("--epsilon") { Description = "L∞ radius in the prepared (scaled) feature units.", DefaultValueFactory = _ => 0.1 };
        var method = new Option<string>("--method") { Description = $"Attack: {string.Join(", ", AttackOptions.MethodNames)}.", DefaultValueFactory = _ => "fgsm" };
        var steps = new Option<int>("--steps") { Description = "PGD iterations.", DefaultValueFactory = _ => 10 };
        var stepSize = new Option<double?>("--step-size") { Description = "PGD step size (default ε/4)." };
        var randomStart = new Option<int?>("--random-start") { Description = "PGD starts at a random point of the ε-ball drawn with this seed (default: the clean input)." };
        var dataset = new Option<string?>("--dataset") { Description = "Attack every sample of this dataset instead of the checkpoint's test split (same features, scaled as in training)." };
        var datasetOptions = new Option<string[]>("--dataset-option", "-d") { Description = "Setting of --dataset as key=value, repeatable." };
        var backend = new BackendSelection();
        var diff = TrainCommand.DiffOption();
        var command = new Command("attack", "Attack a trained classifier with FGSM or PGD; reports clean and adversarial accuracy.");
        foreach (var option in new Option[] { checkpoint, epsilon, method, steps, stepSize, randomStart, dataset, datasetOptions })
        {
            command.Options.Add(option);
        }

        backend.AddTo(command);
        command.Options.Add(diff);
        CommandAction.Set(command, (parseResult, _) =>
        {
            var attack = new AttackOptions
            {
                Method = parseResult.GetValue(method)!.ToLowerInvariant(),
                Epsilon = parseResult.GetValue(epsilon),
                Steps = parseResult.GetValue(steps),
                StepSize = parseResult.GetValue(stepSize),
                RandomStartSeed = parseResult.GetValue(randomStart),
            };
            attack.Validate();
            var folder = Path.GetFullPath(parseResult.GetValue(checkpoint)!);
            using var session = HostSession.Open(parseResult);
            var card = Checkpoint.ReadCard(folder);
            if (card.Task != Learning.Models.ModelTask.Classification)
            {
                throw new QmlException($"qml attack: model '{card.ModelId}' in {folder} is a regressor; attacks report accuracy, so they need a classifier.");
            }

            var preparation = card.Preprocessing ?? throw new QmlException($"the model card in {folder} records no data preparation; it was not written by qml train.");
            var (data, source) = Target(session, card, folder, preparation, parseResult.GetValue(dataset), parseResult.GetValue(datasetOptions) ?? []);
            using var quantum = session.CreateBackend(backend.Name(parseResult), backend.Options(parseResult));
            var model = ModelSetup.LoadTrained(session, folder, card, quantum, DifferentiationMethodNames.Parse(parseResult.GetValue(diff)!));
            var report = RobustnessEvaluation.Of(model, data, attack);
            var clean = report.Clean.Metrics["accuracy"];
            var adversarial = report.Adversarial.Metrics["accuracy"];
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(new AttackJson(
                    card.ModelId, source, quantum.Info.Name, folder, attack.Method, attack.Epsilon, attack.Method == "pgd" ? attack.Steps : 1,
                    attack.Method == "pgd" ? attack.EffectiveStepSize : attack.Epsilon, report.Samples, clean, adversarial, report.Clean.Loss, report.Adversarial.Loss,
                    card.AdversarialEpsilon));
                return Task.FromResult(ExitCodes.Success);
            }

            var how = attack.Method == "pgd"
                ? string.Create(CultureInfo.InvariantCulture, $"PGD, ε = {attack.Epsilon}, {attack.Steps} steps of {attack.EffectiveStepSize}")
                : string.Create(CultureInfo.InvariantCulture, $"FGSM, ε = {attack.Epsilon}");
            var training = card.AdversarialEpsilon is { } trained ? string.Create(CultureInfo.InvariantCulture, $", adversarially trained at ε = {trained}") : string.Empty;
            Console.WriteLine($"{card.ModelId}{training} on {report.Samples} samples of {source} ({how}), backend {quantum.Info.Name}:");
            var table = new TableWriter("METRIC", "CLEAN", "ADVERSARIAL");
            table.Add("accuracy", TrainingProgressDisplay.Metric("accuracy", clean), TrainingProgressDisplay.Metric("accuracy", adversarial));
            table.Add("loss", report.Clean.Loss.ToString("F4", CultureInfo.InvariantCulture), report.Adversarial.Loss.ToString("F4", CultureInfo.InvariantCulture));
            Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static (Dataset Data, string Source) Target(
        HostSession session, Learning.Models.ModelCard card, string folder, DataPreparation preparation, string? dataset, string[] options)
    {
        if (dataset is null)
        {
            if (options.Length > 0)
            {
                throw new QmlException("-d/--dataset-option applies to --dataset; without --dataset the checkpoint's own test split is attacked.");
            }

            return (preparation.Apply(ModelSetup.LoadDataset(session, card, folder)).Test, $"the test split of {card.Dataset}");
        }

        var raw = session.FindDataset(dataset).Load(DatasetOptions.Parse(options));
        if (!raw.IsClassification)
        {
            throw new QmlException($"--dataset {dataset} has no class labels; attacks need a classification dataset.");
        }

        return (preparation.Transform(raw), dataset);
    }

    private sealed record AttackJson(
        string Model, string Dataset, string Backend, string Checkpoint, string Method, double Epsilon, int Steps, double StepSize, int Samples,
        double CleanAccuracy, double AdversarialAccuracy, double CleanLoss, double AdversarialLoss, double? AdversarialTrainingEpsilon);
}
