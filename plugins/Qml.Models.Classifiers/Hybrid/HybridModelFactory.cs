using System.Globalization;
using Qml.Learning.Models;

namespace Qml.Models.Classifiers.Hybrid;

/// <summary>Creates <see cref="HybridModel"/> (<c>--model hybrid</c>).</summary>
public sealed class HybridModelFactory : IModelFactory
{
    internal const string ModelName = "hybrid";

    internal static readonly ModelOptionInfo Qubits = new("qubits", "qubits of the quantum layer (its width)", "4");
    internal static readonly ModelOptionInfo Layers = new("layers", "variational layers of RY/RZ weights and a CNOT ring", "2");
    internal static readonly ModelOptionInfo Scale = new("scale", "encoding angles are scale·tanh(dense output)", Math.PI.ToString("0.######", CultureInfo.InvariantCulture));

    public string Name => ModelName;

    public ModelDescriptor Describe() => new(
        ModelName,
        "dense → scale·tanh → quantum layer (RY encoding, RY/RZ layers, CNOT ring, ⟨Z⟩ per qubit) → dense",
        ModelTask.Classification,
        [Qubits, Layers, Scale],
        "moons");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(ModelName, Describe().Options);
        var settings = new HybridSettings(
            options.GetInt(Qubits.Name, 4, 1, 24),
            options.GetInt(Layers.Name, 2, 1, 64),
            options.GetDouble(Scale.Name, Math.PI, 0, 100));
        return new HybridModel(settings, options, context);
    }
}

/// <summary>The hybrid model's settings, after validation.</summary>
internal sealed record HybridSettings(int Qubits, int Layers, double Scale);
