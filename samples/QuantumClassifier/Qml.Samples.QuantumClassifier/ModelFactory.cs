using Qml.Learning.Models;

namespace Qml.Samples.QuantumClassifier;

/// <summary>Creates the model users train with <c>qml train --model sample-classifier</c>.</summary>
public sealed class ModelFactory : IModelFactory
{
    /// <summary>The name users pass to <c>--model</c>; also the model id in checkpoints.</summary>
    public const string ModelName = "sample-classifier";

    internal static readonly ModelOptionInfo Qubits = new("qubits", "qubits of the quantum layer", "2");
    internal static readonly ModelOptionInfo Layers = new("layers", "variational layers of RY weights and a CX chain", "2");

    /// <inheritdoc />
    public string Name => ModelName;

    /// <inheritdoc />
    public ModelDescriptor Describe() => new(
        ModelName,
        "dense → π·tanh → quantum layer (RY encoding, RY layers, CX chain, ⟨Z⟩ per qubit) → dense",
        ModelTask.Classification,
        [Qubits, Layers],
        "moons");

    /// <inheritdoc />
    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(ModelName, Describe().Options);
        var qubits = options.GetInt(Qubits.Name, 2, 1, 12);
        var layers = options.GetInt(Layers.Name, 2, 1, 32);
        return new HybridClassifier(qubits, layers, options, context);
    }
}
