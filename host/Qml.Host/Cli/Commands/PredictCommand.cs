using System.CommandLine;
using System.Globalization;
using Qml.Abstractions;
using Qml.Host.Cli.Training;
using Qml.Learning.Autodiff;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Learning.Training;

namespace Qml.Host.Cli.Commands;

/// <summary>
/// <c>qml predict --checkpoint DIR (--input CSV | --features "a,b,…")</c>: runs a trained model on
/// raw feature rows (scaled as in training) and prints the predicted class with its probability,
/// or the predicted values.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A folder written by `qml train --out`.", Required = true };
        var input = new Option<string?>("--input") { Description = "CSV file of raw feature rows (a non-numeric first line is a header)." };
        var features = new Option<string?>("--features") { Description = "One raw feature row, comma-separated (e.g. \"0.5,-0.2\")." };
        var backend = new BackendSelection();
        var command = new Command("predict", "Predict with a trained model.");
        command.Options.Add(checkpoint);
        command.Options.Add(input);
        command.Options.Add(features);
        backend.AddTo(command);
        CommandAction.Set(command, (parseResult, _) =>
        {
            var folder = Path.GetFullPath(parseResult.GetValue(checkpoint)!);
            var rows = Rows(parseResult.GetValue(input), parseResult.GetValue(features));
            using var session = HostSession.Open(parseResult);
            var card = Checkpoint.ReadCard(folder);
            using var quantum = session.CreateBackend(backend.Name(parseResult), backend.Options(parseResult));
            var model = ModelSetup.LoadTrained(session, folder, card, quantum, DifferentiationMethod.Auto);
            var width = card.InputFeatures;
            var scaled = new double[rows.Count * width];
            for (var r = 0; r < rows.Count; r++)
            {
                if (rows[r].Length != width)
                {
                    throw new QmlException($"row {r + 1} has {rows[r].Length} features; the model takes {width}.");
                }

                if (card.Preprocessing is { } preparation)
                {
                    preparation.TransformRow(rows[r], scaled.AsSpan(r * width, width));
                }
                else
                {
                    rows[r].CopyTo(scaled, r * width);
                }
            }

            Tensor output;
            model.Network.Eval();
            using (new NoGradScope())
            {
                output = model.Network.Forward(Tensor.Wrap(scaled, rows.Count, width));
            }

            var predictions = Predictions(card, output);
            if (parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json)
            {
                JsonOutput.Write(predictions);
                return Task.FromResult(ExitCodes.Success);
            }

            var table = card.Task == ModelTask.Classification ? new TableWriter("ROW", "CLASS", "PROBABILITY") : new TableWriter("ROW", "PREDICTION");
            foreach (var p in predictions)
            {
                if (card.Task == ModelTask.Classification)
                {
                    table.Add(p.Row.ToString(CultureInfo.InvariantCulture), p.ClassName ?? p.Class!.Value.ToString(CultureInfo.InvariantCulture), p.Probabilities![p.Class!.Value].ToString("F4", CultureInfo.InvariantCulture));
                }
                else
                {
                    table.Add(p.Row.ToString(CultureInfo.InvariantCulture), string.Join(", ", p.Values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))));
                }
            }

            Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static List<PredictionJson> Predictions(ModelCard card, Tensor output)
    {
        var rows = output.Dim(0);
        var width = output.Dim(1);
        var values = output.ToArray();
        var probabilities = card.Task == ModelTask.Classification ? Ops.Softmax(output).ToArray() : null;
        var list = new List<PredictionJson>(rows);
        for (var r = 0; r < rows; r++)
        {
            var row = values[(r * width)..((r + 1) * width)];
            if (probabilities is null)
            {
                list.Add(new PredictionJson(r + 1, row, null, null, null));
                continue;
            }

            var p = probabilities[(r * width)..((r + 1) * width)];
            var best = Array.IndexOf(p, p.Max());
            list.Add(new PredictionJson(r + 1, row, best, card.ClassNames is { } names && best < names.Count ? names[best] : null, p));
        }

        return list;
    }

    private static List<double[]> Rows(string? input, string? features)
    {
        if ((input is null) == (features is null))
        {
            throw new QmlException("give exactly one of --input CSV and --features \"a,b,…\".");
        }

        if (features is not null)
        {
            return [Parse(features, "--features")];
        }

        if (!File.Exists(input))
        {
            throw new QmlException($"input file {input} does not exist.");
        }

        var rows = new List<double[]>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(input!))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (lineNumber == 1 && !double.TryParse(line.Split(',')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            rows.Add(Parse(line, $"{input}:{lineNumber}"));
        }

        return rows.Count > 0 ? rows : throw new QmlException($"input file {input} has no feature rows.");
    }

    private static double[] Parse(string text, string where) =>
        [.. text.Split(',').Select(field => double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new QmlException($"{where}: '{field.Trim()}' is not a number."))];

    private sealed record PredictionJson(int Row, double[] Values, int? Class, string? ClassName, double[]? Probabilities);
}
