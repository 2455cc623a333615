using Qml.Abstractions.Circuits;
using Qml.Abstractions.Observables;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Models.Classifiers.Common;

namespace Qml.Models.Classifiers.Reuploading;

/// <summary>
/// Pérez-Salinas et al., "Data re-uploading for a universal quantum classifier": every layer
/// re-encodes the sample as rotations of (w ⊙ x + b) on each of a few qubits (features in turn
/// as RY, RZ, RY, RZ, … angles), followed by a CZ chain between qubits. The trainable w and b
/// act classically (<see cref="FeatureAffine"/>), so the circuit's angles are plain Input
/// symbols. Readout "bloch" takes ⟨X⟩, ⟨Y⟩, ⟨Z⟩ of every qubit: the fidelity of a qubit to a
/// class state with Bloch vector r_c is (1 + r·r_c)/2, affine in them, so the dense head is a
/// learned fidelity readout with softmax over classes. Readout "z" uses ⟨Z⟩ per qubit only.
/// Checkpoint names: 0.weight, 0.bias, 1.weights (the last RY per qubit), 2.weight, 2.bias.
/// </summary>
internal sealed class ReuploadingModel : ModelBase
{
    public const string Version = "1.0.0";

    public ReuploadingModel(ReuploadingSettings settings, ModelOptions options, ModelContext context)
    {
        var random = new Random(context.Seed);
        var features = context.InputFeatures;
        var columns = new int[settings.Layers * settings.Qubits * features];
        for (var k = 0; k < columns.Length; k++)
        {
            columns[k] = k % features;
        }

        var encoder = new FeatureAffine(features, columns, random);
        var observables = Readout(settings);
        Quantum = new QuantumLayer(Circuit(settings, features), observables, context.Backend, random, context.Differentiation);
        var head = new Dense(observables.Length, context.Outputs, random, init: Initialization.XavierUniform);
        Network = new Sequential(encoder, Quantum, head);
        Card = ClassifierCards.Create(ReuploadingModelFactory.ModelName, Version, Network, options, context);
    }

    public override ModelCard Card { get; }

    public override Module Network { get; }

    public QuantumLayer Quantum { get; }

    /// <summary>Per layer and qubit, RY(a) / RZ(a) alternating over the features' angles; then CZ(i, i+1); a last trainable RY per qubit.</summary>
    internal static Circuit Circuit(ReuploadingSettings settings, int features)
    {
        var q = settings.Qubits;
        var builder = new CircuitBuilder(q, name: "reuploading");
        for (var layer = 0; layer < settings.Layers; layer++)
        {
            for (var i = 0; i < q; i++)
            {
                for (var f = 0; f < features; f++)
                {
                    var angle = builder.Input($"a{layer}_{i}_{f}");
                    if (f % 2 == 0)
                    {
                        builder.RY(i, angle);
                    }
                    else
                    {
                        builder.RZ(i, angle);
                    }
                }
            }

            for (var i = 0; i + 1 < q; i++)
            {
                builder.CZ(i, i + 1);
            }
        }

        for (var i = 0; i < q; i++)
        {
            builder.RY(i, builder.Weight($"final{i}"));
        }

        return builder.Build();
    }

    private static Observable[] Readout(ReuploadingSettings settings) => settings.Readout == "z"
        ? [.. Enumerable.Range(0, settings.Qubits).Select(Observable.Z)]
        : [.. Enumerable.Range(0, settings.Qubits).SelectMany(i => new[]
        {
            Observable.FromPauli(PauliString.X(i)),
            Observable.FromPauli(PauliString.Y(i)),
            Observable.Z(i),
        })];
}
