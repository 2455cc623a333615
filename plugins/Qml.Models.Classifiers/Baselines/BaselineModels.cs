using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Models.Classifiers.Common;

namespace Qml.Models.Classifiers.Baselines;

/// <summary>
/// Multinomial logistic regression: one dense layer from features to class logits, trained on
/// softmax cross-entropy. The classical baseline with the fewest parameters.
/// Checkpoint names: 0.weight, 0.bias.
/// </summary>
internal sealed class LogisticModel : ModelBase
{
    public const string Version = "1.0.0";

    public LogisticModel(ModelOptions options, ModelContext context)
    {
        Network = new Sequential(new Dense(context.InputFeatures, context.Outputs, new Random(context.Seed), init: Initialization.XavierUniform));
        Card = ClassifierCards.Create(LogisticModelFactory.ModelName, Version, Network, options, context);
    }

    public override ModelCard Card { get; }

    public override Module Network { get; }
}

/// <summary>
/// A small multilayer perceptron: <c>layers</c> hidden dense layers of <c>hidden</c> units with
/// tanh or relu, then a dense layer to class logits (or regression outputs).
/// Checkpoint names: 0.weight, 0.bias, 2.weight, … (activations at odd indices).
/// </summary>
internal sealed class MlpModel : ModelBase
{
    public const string Version = "1.0.0";

    public MlpModel(int hidden, int layers, string activation, ModelOptions options, ModelContext context)
    {
        var random = new Random(context.Seed);
        var modules = new List<Module>();
        var width = context.InputFeatures;
        for (var l = 0; l < layers; l++)
        {
            modules.Add(new Dense(width, hidden, random, init: activation == "relu" ? Initialization.KaimingUniform : Initialization.XavierUniform));
            modules.Add(activation == "relu" ? new Relu() : new Tanh());
            width = hidden;
        }

        modules.Add(new Dense(width, context.Outputs, random, init: Initialization.XavierUniform));
        Network = new Sequential([.. modules]);
        Card = ClassifierCards.Create(MlpModelFactory.ModelName, Version, Network, options, context);
    }

    public override ModelCard Card { get; }

    public override Module Network { get; }
}

/// <summary>Creates <see cref="LogisticModel"/> (<c>--model logistic</c>).</summary>
public sealed class LogisticModelFactory : IModelFactory
{
    internal const string ModelName = "logistic";

    public string Name => ModelName;

    public ModelDescriptor Describe() => new(
        ModelName,
        "classical baseline: logistic (softmax) regression, one dense layer to class logits",
        ModelTask.Classification,
        [],
        "moons");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(ModelName, Describe().Options);
        return new LogisticModel(options, context);
    }
}

/// <summary>Creates <see cref="MlpModel"/> (<c>--model mlp-classifier</c>; the QKAN plugin owns <c>mlp</c>, a regression baseline).</summary>
public sealed class MlpModelFactory : IModelFactory
{
    internal const string ModelName = "mlp-classifier";

    internal static readonly ModelOptionInfo Hidden = new("hidden", "units per hidden layer", "8");
    internal static readonly ModelOptionInfo Layers = new("layers", "hidden layers", "1");
    internal static readonly ModelOptionInfo Activation = new("activation", "tanh or relu", "tanh");

    public string Name => ModelName;

    public ModelDescriptor Describe() => new(
        ModelName,
        "classical baseline: small MLP (dense → tanh/relu → … → dense), of a size comparable to the quantum models",
        ModelTask.Classification,
        [Hidden, Layers, Activation],
        "moons");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(ModelName, Describe().Options);
        return new MlpModel(
            options.GetInt(Hidden.Name, 8, 1, 4096),
            options.GetInt(Layers.Name, 1, 1, 16),
            options.GetChoice(Activation.Name, "tanh", "tanh", "relu"),
            options,
            context);
    }
}
