using Qml.Abstractions;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Models.Qkan.Recurrent;

namespace Qml.Models.Qkan.Models;

/// <summary>What the recurrent factories share: the window shape, hidden size and head.</summary>
internal static class RecurrentModels
{
    public const string DefaultDataset = "damped-oscillator";

    public static readonly ModelOptionInfo Hidden = new("hidden", "hidden size of the LSTM state", "16");
    public static readonly ModelOptionInfo Gates = new("gates", "per-unit (Σ DARUAN of x and of the unit's own h; docs/qkan.md) or full (QKAN layer [h, x] → hidden)", "per-unit");
    public static readonly ModelOptionInfo Ring = new("ring", "per-unit gates: how many units' states each unit reads (its own and the next ring − 1)", "1");
    public static readonly ModelOptionInfo Mix = new("mix", "per-unit gates: rank r of a linear path h → r → 4·hidden through which units read each other's states (0: none)", "0");
    public static readonly ModelOptionInfo GateBias = new("gate-bias", "per-unit gates: a trainable bias per gate and unit", "false");
    public static readonly ModelOptionInfo Latent = new("latent", "HQKAN bottleneck widths a,b (default ⌈log2(hidden+input)⌉,⌈log2 hidden⌉)", "");

    public static IModel Create(string id, ModelOptions options, ModelContext context, Func<int, int, Random, Module> recurrent)
    {
        if (context.SequenceLength <= 0 || context.InputFeatures % context.SequenceLength != 0)
        {
            throw new QmlException(
                $"model '{id}' reads time-series windows, but the data has {context.InputFeatures} features and sequence length {context.SequenceLength}; choose a forecasting dataset such as {DefaultDataset}.");
        }

        if (context.Task != ModelTask.Regression)
        {
            throw new QmlException($"model '{id}' forecasts values (regression); the data is a classification task.");
        }

        int hidden = options.GetInt(Hidden.Name, 16, 1, 4096);
        int stepFeatures = context.InputFeatures / context.SequenceLength;
        var random = new Random(context.Seed);
        var network = new SequenceForecaster(recurrent(stepFeatures, hidden, random), context.SequenceLength, stepFeatures, hidden, context.Outputs, random);
        return new NetworkModel(id, network, options, context);
    }

    public static (int? In, int? Out) Latents(ModelOptions options)
    {
        string text = options.GetString(Latent.Name, string.Empty);
        if (text.Length == 0)
        {
            return (null, null);
        }

        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], out int a) || !int.TryParse(parts[1], out int b) || a < 1 || b < 1)
        {
            throw new QmlException($"option 'latent' takes two positive widths a,b (e.g. 5,4); got '{text}'.");
        }

        return (a, b);
    }
}

/// <summary><c>--model qkan-lstm</c>: an LSTM whose four gate maps are QKAN layers, with a Linear head on the last hidden state.</summary>
public sealed class QkanLstmModelFactory : IModelFactory
{
    public string Name => "qkan-lstm";

    public ModelDescriptor Describe() => new(
        Name,
        "QKAN-LSTM: LSTM gate maps W·[h, x] + b replaced by sums of DARUAN subfunctions, sequence-to-one forecasting",
        ModelTask.Regression,
        [RecurrentModels.Hidden, RecurrentModels.Gates, RecurrentModels.Ring, RecurrentModels.Mix, RecurrentModels.GateBias, .. QkanModelOptions.Layer],
        RecurrentModels.DefaultDataset);

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(Name, Describe().Options);
        var layer = QkanModelOptions.Read(options, context);
        bool perUnit = options.GetChoice(RecurrentModels.Gates.Name, "per-unit", "per-unit", "full") == "per-unit";
        int ring = options.GetInt(RecurrentModels.Ring.Name, 1, 1, 4096);
        int mix = options.GetInt(RecurrentModels.Mix.Name, 0, 0, 4096);
        bool gateBias = options.GetBool(RecurrentModels.GateBias.Name, false);
        if (!perUnit && (ring != 1 || mix != 0 || gateBias))
        {
            throw new QmlException($"options '{RecurrentModels.Ring.Name}', '{RecurrentModels.Mix.Name}' and '{RecurrentModels.GateBias.Name}' shape per-unit gates; with gates=full leave them out (ring=1, mix=0, gate-bias=false).");
        }

        return RecurrentModels.Create(
            Name,
            options,
            context,
            (input, hidden, random) => perUnit
                ? new PerUnitQkanLstmCell(input, hidden, layer, random, Math.Min(ring, hidden), Math.Min(mix, hidden), gateBias)
                : new QkanLstmCell(input, hidden, layer, random));
    }
}

/// <summary><c>--model hqkan-lstm</c>: an LSTM whose gate maps are Linear → QKAN → Linear bottlenecks.</summary>
public sealed class HqkanLstmModelFactory : IModelFactory
{
    public string Name => "hqkan-lstm";

    public ModelDescriptor Describe() => new(
        Name,
        "HQKAN-LSTM: LSTM gates as encoder–QKAN–decoder bottlenecks, sequence-to-one forecasting",
        ModelTask.Regression,
        [RecurrentModels.Hidden, RecurrentModels.Latent, .. QkanModelOptions.Layer],
        RecurrentModels.DefaultDataset);

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(Name, Describe().Options);
        var layer = QkanModelOptions.Read(options, context);
        var (a, b) = RecurrentModels.Latents(options);
        return RecurrentModels.Create(Name, options, context, (input, hidden, random) => new HqkanLstmCell(input, hidden, layer, random, a, b));
    }
}

/// <summary><c>--model lstm</c>: the classical baseline (Qml.Learning's Lstm + Linear head) beside QKAN-LSTM.</summary>
public sealed class LstmModelFactory : IModelFactory
{
    public string Name => "lstm";

    public ModelDescriptor Describe() => new(
        Name,
        "classical LSTM with a Linear head on the last hidden state (baseline for QKAN-LSTM)",
        ModelTask.Regression,
        [RecurrentModels.Hidden],
        RecurrentModels.DefaultDataset);

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(Name, Describe().Options);
        return RecurrentModels.Create(Name, options, context, (input, hidden, random) => new Lstm(input, hidden, random));
    }
}

/// <summary><c>--model qlstm</c>: Chen et al.'s quantum LSTM, each gate a small variational circuit on <c>--backend</c>.</summary>
public sealed class QlstmModelFactory : IModelFactory
{
    private static readonly ModelOptionInfo Qubits = new("qubits", "qubits per gate circuit", "4");
    private static readonly ModelOptionInfo Layers = new("layers", "variational layers per gate circuit", "2");

    public string Name => "qlstm";

    public ModelDescriptor Describe() => new(
        Name,
        "quantum LSTM (Chen et al.): each gate Linear → VQC (through --backend) → Linear, sequence-to-one forecasting",
        ModelTask.Regression,
        [RecurrentModels.Hidden, Qubits, Layers],
        RecurrentModels.DefaultDataset);

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(Name, Describe().Options);
        int qubits = options.GetInt(Qubits.Name, 4, 1, 20);
        int layers = options.GetInt(Layers.Name, 2, 1, 100);
        return RecurrentModels.Create(Name, options, context, (input, hidden, random) => new QlstmCell(input, hidden, context.Backend, qubits, layers, random, context.Differentiation));
    }
}
