using Qml.Learning.Models;
using Qml.Models.Qkan.Baselines;

namespace Qml.Models.Qkan.Models;

/// <summary><c>--model mlp</c>: the classical baseline beside QKAN, with the same <c>hidden</c> option.</summary>
public sealed class MlpModelFactory : IModelFactory
{
    public string Name => "mlp";

    public ModelDescriptor Describe() => new(Name, "multilayer perceptron with SiLU (baseline for QKAN)", ModelTask.Regression, [QkanModelOptions.Hidden], "bessel-j0");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(Name, Describe().Options);
        int[] width = [context.InputFeatures, .. QkanModelOptions.HiddenWidths(options), context.Outputs];
        return new NetworkModel(Name, new Mlp(width, new Random(context.Seed)), options, context);
    }
}
