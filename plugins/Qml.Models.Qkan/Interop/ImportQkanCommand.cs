using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions;
using Qml.Abstractions.Plugins;
using Qml.Learning.Checkpoints;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Tensors;
using Qml.Learning.Training;
using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Models;

namespace Qml.Models.Qkan.Interop;

/// <summary>
/// <c>qml import-qkan FILE [--ansatz A] [--readout fast|z] [--out DIR [--dataset NAME] [-d key=value]… [--seed N] [--scaling S]]</c>:
/// checks a safetensors file in the reference library's QKAN layout (names and shapes, spec §4–5),
/// reports the network it describes or every mismatch (tensor, expected and found shape), and with
/// <c>--out</c> writes a checkpoint of <c>--model qkan</c> that <c>qml eval --checkpoint DIR</c> reads:
/// the weights, and a model card naming the dataset whose test split eval uses (default bessel-j0,
/// unscaled, as the reference trains on raw x).
/// </summary>
public sealed class ImportQkanCommand : IPluginCommand
{
    private const string ModelId = "qkan";

    public string Name => "import-qkan";

    public string Description => "Check a reference QKAN safetensors file (names, shapes; width, reps, ansatz) and optionally write a qml checkpoint.";

    public string Usage => "FILE [--ansatz pz|rpz|px|real|mix] [--readout fast|z] [--out DIR [--dataset NAME] [-d key=value]... [--seed N] [--scaling none|standardize|minmax]]";

    public async Task<int> InvokeAsync(PluginCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var args = Arguments.Parse(context.Arguments, Usage);
        var path = Path.GetFullPath(args.File);
        if (!File.Exists(path))
        {
            throw new QmlException($"import-qkan: {path} does not exist.");
        }

        IReadOnlyDictionary<string, SafeTensor> tensors;
        try
        {
            tensors = SafeTensorsFile.Read(path).Tensors;
        }
        catch (CheckpointException e)
        {
            throw new QmlException($"import-qkan: {e.Message}");
        }

        var report = ReferenceLayout.Inspect(tensors, args.Ansatz, args.Readout);
        if (!report.Fits)
        {
            throw new QmlException(
                $"{path} does not fit the reference QKAN layout ({report.Problems.Count} problem{(report.Problems.Count == 1 ? "" : "s")}):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", report.Problems)}");
        }

        var network = new Networks.Qkan(report.Width, report.Options, new Random(0));
        QkanSafeTensors.Apply(network, ReferenceLayout.Renamed(tensors, report.Prefix), path);
        var modelOptions = ModelOptions(report);
        Written? written = args.Out is null ? null : Write(context, args, network, modelOptions, report);

        if (context.JsonOutput)
        {
            var json = new ImportJson(
                path, report.Width, report.Options.Reps, AnsatzInfo.Name(report.Options.Ansatz), report.AmbiguousWith is { } a ? AnsatzInfo.Name(a) : null,
                ReadoutInfo.Name(report.Options.Readout), network.ParameterCount, modelOptions, written?.Directory, written?.Dataset, written?.Metrics);
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(json, JsonOptions)).ConfigureAwait(false);
            return 0;
        }

        await context.Output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{path}: reference QKAN layout, {report.Width.Count - 1} layer{(report.Width.Count == 2 ? "" : "s")}, width [{string.Join(", ", report.Width)}], reps {report.Options.Reps}, ansatz {AnsatzInfo.Name(report.Options.Ansatz)}, readout {ReadoutInfo.Name(report.Options.Readout)}{(args.Readout == Readout.Fast ? " (the reference default; --readout z for ⟨Z⟩)" : "")}")).ConfigureAwait(false);
        if (report.AmbiguousWith is { } twin)
        {
            await context.Output.WriteLineAsync($"  {AnsatzInfo.Name(twin)} has the same shapes; pass --ansatz {AnsatzInfo.Name(twin)} if the file was trained with it.").ConfigureAwait(false);
        }

        await context.Output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"  {network.ParameterCount} trainable parameters; model options: {string.Join(' ', modelOptions.Select(p => $"{p.Key}={p.Value}"))}")).ConfigureAwait(false);
        if (written is not null)
        {
            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {written.Directory} (model {ModelId}, dataset {written.Dataset}): test {string.Join(", ", written.Metrics.Select(p => $"{p.Key} {p.Value:G6}"))}; evaluate with qml eval --checkpoint {written.Directory}")).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>The <c>-m</c> options of <c>--model qkan</c> that rebuild the same tensors.</summary>
    private static SortedDictionary<string, string> ModelOptions(ReferenceLayoutReport report)
    {
        var o = report.Options;
        static string Flag(bool b) => b ? "true" : "false";
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["hidden"] = string.Join(',', report.Width.Skip(1).Take(report.Width.Count - 2)),
            ["reps"] = o.Reps.ToString(CultureInfo.InvariantCulture),
            ["ansatz"] = AnsatzInfo.Name(o.Ansatz),
            ["readout"] = ReadoutInfo.Name(o.Readout),
            ["preact"] = Flag(o.PreactTrainable),
            ["base"] = Flag(o.BaseTrainable),
            ["postact-weight"] = Flag(o.PostactWeightTrainable),
            ["postact-bias"] = Flag(o.PostactBiasTrainable),
        };
    }

    private static Written Write(PluginCommandContext context, Arguments args, Networks.Qkan network, SortedDictionary<string, string> modelOptions, ReferenceLayoutReport report)
    {
        var provider = BuiltInDatasets.Find(args.Dataset)
            ?? context.Services.GetServices<IDatasetProvider>().FirstOrDefault(p => string.Equals(p.Name, args.Dataset, StringComparison.Ordinal))
            ?? throw new QmlException($"import-qkan --dataset: no dataset named '{args.Dataset}' (see `qml datasets`).");
        var datasetOptions = DatasetOptions.Parse(args.DatasetOptions);
        var raw = provider.Load(datasetOptions);
        if (raw.FeatureCount != report.Width[0] || !raw.IsRegression || raw.TargetWidth != report.Width[^1])
        {
            throw new QmlException(
                $"import-qkan --dataset {args.Dataset}: the network maps {report.Width[0]} feature(s) to {report.Width[^1]} target(s); the dataset has {raw.FeatureCount} feature(s) and {(raw.IsRegression ? raw.TargetWidth.ToString(CultureInfo.InvariantCulture) + " target(s)" : "no regression targets")}.");
        }

        var (split, preparation) = DataPreparation.Fit(raw, args.Seed, args.Scaling);
        var test = split.Test;
        var prediction = network.Forward(Tensor.FromArray([test.SampleCount, test.FeatureCount], test.Features)).ToArray();
        double squared = 0, absolute = 0;
        for (int k = 0; k < prediction.Length; k++)
        {
            double error = prediction[k] - test.Targets![k];
            squared += error * error;
            absolute += Math.Abs(error);
        }

        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["mae"] = absolute / prediction.Length, ["mse"] = squared / prediction.Length };
        var card = new ModelCard
        {
            ModelId = ModelId,
            Task = ModelTask.Regression,
            InputFeatures = report.Width[0],
            Outputs = report.Width[^1],
            ParameterCount = network.ParameterCount,
            Options = modelOptions,
            Dataset = provider.Name,
            DatasetOptions = datasetOptions.ToDictionary(),
            Preprocessing = preparation,
            Seed = args.Seed,
            Metrics = metrics.ToDictionary(p => "test_" + p.Key, p => p.Value, StringComparer.Ordinal),
            Created = DateTimeOffset.UtcNow,
        };
        var directory = Path.GetFullPath(args.Out!);
        Checkpoint.Save(directory, network, card, optimizer: null, new TrainerState { ModelId = ModelId, Seed = args.Seed, Optimizer = "none" });
        return new Written(directory, provider.Name, metrics);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private sealed record Written(string Directory, string Dataset, IReadOnlyDictionary<string, double> Metrics);

    private sealed record ImportJson(
        string File, IReadOnlyList<int> Width, int Reps, string Ansatz, string? SameShapesAs, string Readout, int Parameters,
        IReadOnlyDictionary<string, string> ModelOptions, string? Checkpoint, string? Dataset, IReadOnlyDictionary<string, double>? TestMetrics);

    private sealed record Arguments(string File, Ansatz? Ansatz, Readout Readout, string? Out, string Dataset, List<string> DatasetOptions, int Seed, string Scaling)
    {
        public static Arguments Parse(IReadOnlyList<string> tokens, string usage)
        {
            string? file = null, output = null, dataset = null, scaling = null;
            Ansatz? ansatz = null;
            var readout = Daruan.Readout.Fast;
            var datasetOptions = new List<string>();
            int seed = 0;
            for (int t = 0; t < tokens.Count; t++)
            {
                string token = tokens[t];
                switch (token)
                {
                    case "--out":
                        output = Value();
                        break;
                    case "--dataset":
                        dataset = Value();
                        break;
                    case "-d" or "--dataset-option":
                        datasetOptions.Add(Value());
                        break;
                    case "--scaling":
                        scaling = Value();
                        break;
                    case "--seed":
                        string text = Value();
                        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
                        {
                            throw new QmlException($"import-qkan --seed: '{text}' is not an integer.");
                        }

                        break;
                    case "--ansatz":
                        string name = Value();
                        if (!AnsatzInfo.Names.Contains(name))
                        {
                            throw new QmlException($"import-qkan --ansatz: '{name}' is not one of {string.Join(", ", AnsatzInfo.Names)}.");
                        }

                        ansatz = AnsatzInfo.Parse(name);
                        break;
                    case "--readout":
                        string r = Value();
                        if (!ReadoutInfo.Names.Contains(r))
                        {
                            throw new QmlException($"import-qkan --readout: '{r}' is not one of {string.Join(", ", ReadoutInfo.Names)}.");
                        }

                        readout = ReadoutInfo.Parse(r);
                        break;
                    default:
                        if (token.StartsWith('-') || file is not null)
                        {
                            throw new QmlException($"import-qkan: unexpected '{token}'. Usage: qml import-qkan {usage}");
                        }

                        file = token;
                        break;
                }

                string Value() => t + 1 < tokens.Count ? tokens[++t] : throw new QmlException($"import-qkan {token} needs a value. Usage: qml import-qkan {usage}");
            }

            if (file is null)
            {
                throw new QmlException($"import-qkan needs a FILE. Usage: qml import-qkan {usage}");
            }

            if (output is null && (dataset is not null || datasetOptions.Count > 0 || scaling is not null))
            {
                throw new QmlException("import-qkan: --dataset, -d and --scaling describe the checkpoint written by --out; pass --out DIR too.");
            }

            return new Arguments(file, ansatz, readout, output, dataset ?? "bessel-j0", datasetOptions, seed, scaling ?? "none");
        }
    }
}
