using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Observables;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Models.Classifiers.Common;

namespace Qml.Models.Classifiers.Vqc;

/// <summary>
/// Havlíček et al., "Supervised learning with quantum-enhanced feature spaces": one qubit per
/// feature; the ZZ feature map repeated <c>feature-reps</c> times (H on every qubit, P(2x_i), and
/// for every pair i &lt; j CX(i,j)·P(2φ_ij) on j·CX(i,j), φ_ij = (π − x_i)(π − x_j) computed
/// classically by <see cref="ZzFeatures"/>); then a RealAmplitudes (RY) or EfficientSU2 (RY, RZ)
/// ansatz with <c>reps</c> entangling CX layers (linear, circular or full) and a final rotation
/// layer. Readout: parity ⟨Z⊗…⊗Z⟩ for two classes, or ⟨Z_c⟩ of qubit c per class; a trainable
/// scale turns them into logits for the softmax cross-entropy.
/// With input-weights=trainable a learned per-feature weight multiplies x first (names then
/// 0.weight, 2.weights, 3.scale). Checkpoint names otherwise: 1.weights, 2.scale.
/// </summary>
internal sealed class VqcModel : ModelBase
{
    public const string Version = "1.0.0";

    public VqcModel(VqcSettings settings, ModelOptions options, ModelContext context)
    {
        var n = context.InputFeatures;
        var readout = settings.Readout == "auto" ? (context.Outputs == 2 ? "parity" : "z") : settings.Readout;
        if (readout == "parity" && context.Outputs != 2)
        {
            throw new QmlException($"model 'vqc': readout=parity needs 2 classes; the data has {context.Outputs}. Use readout=z.");
        }

        if (readout == "z" && context.Outputs > n)
        {
            throw new QmlException($"model 'vqc': readout=z reads one qubit per class but there are {context.Outputs} classes and {n} qubits (one per feature).");
        }

        var random = new Random(context.Seed);
        var featurePairs = Pairs(n, "full");
        var features = new ZzFeatures(n, featurePairs, settings.Scale, settings.Offset);
        Observable[] observables = readout == "parity"
            ? [Observable.FromPauli(PauliString.Z([.. Enumerable.Range(0, n)]))]
            : [.. Enumerable.Range(0, context.Outputs).Select(Observable.Z)];
        Quantum = new QuantumLayer(Circuit(settings, n, featurePairs), observables, context.Backend, random, context.Differentiation);
        Module head = readout == "parity" ? new ParityLogits(2.0) : new LogitScale(2.0);
        Network = settings.TrainableInputWeights ? new Sequential(new InputWeights(n), features, Quantum, head) : new Sequential(features, Quantum, head);
        Card = ClassifierCards.Create(VqcModelFactory.ModelName, Version, Network, options, context);
    }

    public override ModelCard Card { get; }

    public override Module Network { get; }

    public QuantumLayer Quantum { get; }

    /// <summary>Qubit pairs of an entanglement pattern: linear (i, i+1), circular (also (n−1, 0)), full (every i &lt; j).</summary>
    internal static IReadOnlyList<(int I, int J)> Pairs(int n, string entanglement)
    {
        var pairs = new List<(int, int)>();
        if (entanglement == "full")
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    pairs.Add((i, j));
                }
            }

            return pairs;
        }

        for (var i = 0; i + 1 < n; i++)
        {
            pairs.Add((i, i + 1));
        }

        if (entanglement == "circular" && n > 2)
        {
            pairs.Add((n - 1, 0));
        }

        return pairs;
    }

    /// <summary>Feature map then ansatz; Input symbols x0..x(n−1), then z{i}_{j} for each feature pair.</summary>
    internal static Circuit Circuit(VqcSettings settings, int n, IReadOnlyList<(int I, int J)> featurePairs)
    {
        var builder = new CircuitBuilder(n, name: "vqc");
        var x = Enumerable.Range(0, n).Select(i => builder.Input($"x{i}")).ToArray();
        var z = featurePairs.Select(p => builder.Input($"z{p.I}_{p.J}")).ToArray();
        for (var rep = 0; rep < settings.FeatureReps; rep++)
        {
            for (var i = 0; i < n; i++)
            {
                builder.H(i).P(i, 2 * x[i]);
            }

            for (var p = 0; p < featurePairs.Count; p++)
            {
                var (i, j) = featurePairs[p];
                builder.CX(i, j).P(j, 2 * z[p]).CX(i, j);
            }
        }

        var ansatzPairs = Pairs(n, settings.Entanglement);
        var su2 = settings.Ansatz == "efficientsu2";
        for (var rep = 0; rep <= settings.Reps; rep++)
        {
            for (var i = 0; i < n; i++)
            {
                builder.RY(i, builder.Weight($"ry{rep}_{i}"));
                if (su2)
                {
                    builder.RZ(i, builder.Weight($"rz{rep}_{i}"));
                }
            }

            if (rep < settings.Reps)
            {
                foreach (var (i, j) in ansatzPairs)
                {
                    builder.CX(i, j);
                }
            }
        }

        return builder.Build();
    }
}

/// <summary>x ↦ w ⊙ x with one trainable weight per feature ("weight", initially 1).</summary>
internal sealed class InputWeights : Module
{
    public InputWeights(int features) => Weight = RegisterParameter("weight", Tensor.Ones(features));

    public Parameter Weight { get; }

    public override Tensor Forward(Tensor input) => Ops.Mul(input, Weight.Value);
}
