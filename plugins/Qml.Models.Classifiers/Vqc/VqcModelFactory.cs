using Qml.Learning.Models;

namespace Qml.Models.Classifiers.Vqc;

/// <summary>Creates <see cref="VqcModel"/> (<c>--model vqc</c>).</summary>
public sealed class VqcModelFactory : IModelFactory
{
    internal const string ModelName = "vqc";

    internal static readonly ModelOptionInfo FeatureReps = new("feature-reps", "repetitions of the ZZ feature map", "1");
    internal static readonly ModelOptionInfo Ansatz = new("ansatz", "realamplitudes (RY) or efficientsu2 (RY, RZ)", "realamplitudes");
    internal static readonly ModelOptionInfo Reps = new("reps", "entangling repetitions of the ansatz", "3");
    internal static readonly ModelOptionInfo Entanglement = new("entanglement", "ansatz CX pattern: linear, circular or full", "full");
    internal static readonly ModelOptionInfo Readout = new("readout", "parity (2 classes), z (⟨Z⟩ of qubit c per class) or auto", "auto");
    internal static readonly ModelOptionInfo Scale = new("scale", "features enter the map as scale·x + offset", "1.570796");
    internal static readonly ModelOptionInfo Offset = new("offset", "features enter the map as scale·x + offset (defaults map [−1, 1] to [0, π])", "1.570796");
    internal static readonly ModelOptionInfo InputWeights = new("input-weights", "fixed, or trainable: a learned weight per feature multiplies x before the map (initially 1), so training can lean on or ignore a feature", "fixed");

    public string Name => ModelName;

    public ModelDescriptor Describe() => new(
        ModelName,
        "variational quantum classifier (Havlíček et al.): ZZ feature map, RealAmplitudes/EfficientSU2 ansatz, parity or per-class ⟨Z⟩ readout + softmax",
        ModelTask.Classification,
        [FeatureReps, Ansatz, Reps, Entanglement, Readout, Scale, Offset, InputWeights],
        "moons");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(ModelName, Describe().Options);
        var settings = new VqcSettings(
            options.GetInt(FeatureReps.Name, 1, 1, 16),
            options.GetChoice(Ansatz.Name, "realamplitudes", "realamplitudes", "efficientsu2"),
            options.GetInt(Reps.Name, 3, 0, 64),
            options.GetChoice(Entanglement.Name, "full", "linear", "circular", "full"),
            options.GetChoice(Readout.Name, "auto", "auto", "parity", "z"),
            options.GetDouble(Scale.Name, Math.PI / 2, 0, 100),
            options.GetDouble(Offset.Name, Math.PI / 2, -100, 100),
            options.GetChoice(InputWeights.Name, "fixed", "fixed", "trainable") == "trainable");
        return new VqcModel(settings, options, context);
    }
}

/// <summary>The VQC's settings, after validation.</summary>
internal sealed record VqcSettings(int FeatureReps, string Ansatz, int Reps, string Entanglement, string Readout, double Scale, double Offset, bool TrainableInputWeights = false);
