using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Observables;
using Qml.Learning.Data;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Models.Classifiers.Common;

namespace Qml.Models.Classifiers.FarhiNeven;

/// <summary>
/// Farhi and Neven, "Classification with quantum neural networks on near term processors"
/// (2018): n data qubits hold a binary sample as the basis state |z⟩ (RX(π·x_j), x_j ∈ {0, 1}:
/// X up to a phase), a readout qubit r starts in |1⟩, and each layer applies exp(−iθ_j/2 X_j X_r)
/// for every data qubit j (RXX), then exp(−iφ_j/2 Z_j X_r) (RZZ between H on the readout, since
/// H X_r H = Z_r). Readout y: ⟨Y_r⟩ as in the paper; readout z: the TensorFlow Quantum tutorial's
/// variant (H on the readout before and after the layers, ⟨Z_r⟩). The prediction is the sign of
/// the expectation e; logits [−e, e]; loss: the hinge max(0, 1 − y·e) with y = ±1 (class 1 is +1).
/// Checkpoint names: 0.weights (2·layers·n angles).
/// </summary>
internal sealed class FarhiNevenModel : ModelBase
{
    public const string Version = "1.0.0";

    public FarhiNevenModel(int layers, string readout, ModelOptions options, ModelContext context)
    {
        if (context.Task != ModelTask.Classification || context.Outputs != 2)
        {
            throw new QmlException($"model 'farhi-neven' is a binary classifier; the data has {context.Outputs} {(context.Task == ModelTask.Classification ? "classes" : "targets")}. Choose two classes (e.g. --dataset mnist-3v6-4x4).");
        }

        var n = context.InputFeatures;
        if (n > 24)
        {
            throw new QmlException($"model 'farhi-neven' puts one qubit per feature plus a readout; {n} features need {n + 1} qubits. Downsample the images (e.g. --dataset mnist-3v6-4x4 has 16).");
        }

        Quantum = new QuantumLayer(
            Circuit(n, layers, readout),
            [Observable.FromPauli(readout == "y" ? PauliString.Y(n) : PauliString.Z(n))],
            context.Backend,
            new Random(context.Seed),
            context.Differentiation);
        Network = new Sequential(Quantum, new SignedLogits());
        Card = ClassifierCards.Create(FarhiNevenModelFactory.ModelName, Version, Network, options, context);
    }

    public override ModelCard Card { get; }

    public override Module Network { get; }

    public QuantumLayer Quantum { get; }

    /// <summary>The hinge loss mean(max(0, 1 − y·e)), y = +1 for class 1 and −1 for class 0.</summary>
    public override Tensor Loss(Tensor output, DatasetBatch batch)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(batch);
        var labels = batch.Labels ?? throw new QmlException("model 'farhi-neven' is a classifier but the batch has no labels.");
        var signs = Tensor.FromArray([batch.Size, 1], [.. labels.Select(l => l == 1 ? 1.0 : -1.0)]);
        var expectation = Ops.Narrow(output, 1, 1, 1);
        return Ops.Mean(Ops.Relu(Ops.AddScalar(Ops.Neg(Ops.Mul(expectation, signs)), 1.0)));
    }

    /// <summary>Data qubits 0..n−1 (Input symbols x0..), readout qubit n; weights xx{l}_{j}, zx{l}_{j}.</summary>
    internal static Circuit Circuit(int n, int layers, string readout)
    {
        var r = n;
        var builder = new CircuitBuilder(n + 1, name: "farhi-neven");
        for (var j = 0; j < n; j++)
        {
            builder.RX(j, Math.PI * builder.Input($"x{j}"));
        }

        builder.X(r);
        if (readout == "z")
        {
            builder.H(r);
        }

        for (var l = 0; l < layers; l++)
        {
            for (var j = 0; j < n; j++)
            {
                builder.RXX(j, r, builder.Weight($"xx{l}_{j}"));
            }

            builder.H(r);
            for (var j = 0; j < n; j++)
            {
                builder.RZZ(j, r, builder.Weight($"zx{l}_{j}"));
            }

            builder.H(r);
        }

        if (readout == "z")
        {
            builder.H(r);
        }

        return builder.Build();
    }
}

/// <summary>e ↦ logits [−e, e]: class 1 when the readout expectation is positive. No parameters.</summary>
internal sealed class SignedLogits : Module
{
    public override Tensor Forward(Tensor input) => Ops.Concat([Ops.Neg(input), input], 1);
}

/// <summary>Creates <see cref="FarhiNevenModel"/> (<c>--model farhi-neven</c>).</summary>
public sealed class FarhiNevenModelFactory : IModelFactory
{
    internal const string ModelName = "farhi-neven";

    internal static readonly ModelOptionInfo Layers = new("layers", "layers of XX then ZX couplings to the readout", "1");
    internal static readonly ModelOptionInfo Readout = new("readout", "y (Farhi–Neven: ⟨Y⟩ of the readout) or z (TFQ tutorial: H-conjugated, ⟨Z⟩)", "y");

    public string Name => ModelName;

    public ModelDescriptor Describe() => new(
        ModelName,
        "Farhi–Neven readout-qubit QNN: binary data as a basis state, layers of exp(iθ X_j X_r) and exp(iθ Z_j X_r), hinge loss on the readout's ⟨Y⟩; 0/1 features, so train with --scaling none",
        ModelTask.Classification,
        [Layers, Readout],
        "mnist-3v6-4x4");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.RequireKnown(ModelName, Describe().Options);
        return new FarhiNevenModel(options.GetInt(Layers.Name, 1, 1, 16), options.GetChoice(Readout.Name, "y", "y", "z"), options, context);
    }
}
