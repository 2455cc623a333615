using Qml.Learning.Models;
using Qml.Models.Qkan.Networks;

namespace Qml.Models.Qkan.Models;

/// <summary><c>--model qkan</c>: a QKAN [features, hidden…, outputs].</summary>
public sealed class QkanModelFactory : IModelFactory
{
    public string Name => "qkan";

    public ModelDescriptor Describe() => new(
        Name,
        "Kolmogorov–Arnold network whose edges are DARUAN single-qubit re-uploading circuits",
        ModelTask.Regression,
        [QkanModelOptions.Hidden, .. QkanModelOptions.Layer],
        "bessel-j0");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(Name, Describe().Options);
        int[] width = [context.InputFeatures, .. QkanModelOptions.HiddenWidths(options), context.Outputs];
        var network = new Networks.Qkan(width, QkanModelOptions.Read(options, context), new Random(context.Seed));
        return new NetworkModel(Name, network, options, context);
    }
}

/// <summary><c>--model hqkan</c>: Linear → QKAN → Linear with ⌈log2⌉ latents.</summary>
public sealed class HqkanModelFactory : IModelFactory
{
    public string Name => "hqkan";

    public ModelDescriptor Describe() => new(
        Name,
        "Linear(n_in → ⌈log2 n_in⌉) → QKAN → Linear(→ n_out): an MLP block with far fewer parameters",
        ModelTask.Regression,
        QkanModelOptions.Layer,
        "exp-sin");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(Name, Describe().Options);
        var network = new Hqkan(context.InputFeatures, context.Outputs, QkanModelOptions.Read(options, context), new Random(context.Seed));
        return new NetworkModel(Name, network, options, context);
    }
}
