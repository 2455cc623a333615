using Qml.Learning.Models;

namespace Qml.Models.Classifiers.Reuploading;

/// <summary>Creates <see cref="ReuploadingModel"/> (<c>--model reuploading</c>).</summary>
public sealed class ReuploadingModelFactory : IModelFactory
{
    internal const string ModelName = "reuploading";

    internal static readonly ModelOptionInfo Qubits = new("qubits", "qubits (1 or a few on statevectors; tens on mps); every qubit re-uploads every feature", "2");
    internal static readonly ModelOptionInfo Layers = new("layers", "re-uploading layers L of rotations of (w ⊙ x + b)", "4");
    internal static readonly ModelOptionInfo Readout = new("readout", "bloch (⟨X⟩,⟨Y⟩,⟨Z⟩ per qubit: learned fidelity to class states) or z", "bloch");

    public string Name => ModelName;

    public ModelDescriptor Describe() => new(
        ModelName,
        "data re-uploading classifier (Pérez-Salinas et al.): L layers of RY/RZ(w ⊙ x + b) per qubit, CZ chain, fidelity readout + softmax",
        ModelTask.Classification,
        [Qubits, Layers, Readout],
        "circles");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(ModelName, Describe().Options);
        var settings = new ReuploadingSettings(
            options.GetInt(Qubits.Name, 2, 1, 1024),
            options.GetInt(Layers.Name, 4, 1, 64),
            options.GetChoice(Readout.Name, "bloch", "bloch", "z"));
        return new ReuploadingModel(settings, options, context);
    }
}

/// <summary>The re-uploading model's settings, after validation.</summary>
internal sealed record ReuploadingSettings(int Qubits, int Layers, string Readout);
