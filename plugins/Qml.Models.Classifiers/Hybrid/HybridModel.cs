using Qml.Abstractions.Circuits;
using Qml.Abstractions.Observables;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;

namespace Qml.Models.Classifiers.Hybrid;

/// <summary>
/// Dense(features → q) → scale·tanh → <see cref="QuantumLayer"/> → Dense(q → outputs): the classical
/// layer learns which combinations of features to encode, the circuit (RY angle encoding, then
/// <c>layers</c> × [RY and RZ weights on every qubit, CNOT ring], ⟨Z⟩ of each qubit) mixes them,
/// and the last layer reads class logits (or regression values) from the q expectations.
/// Checkpoint names: 0.weight, 0.bias, 2.weights, 3.weight, 3.bias.
/// </summary>
internal sealed class HybridModel : ModelBase
{
    public const string Version = "1.0.0";

    public HybridModel(HybridSettings settings, ModelOptions options, ModelContext context)
    {
        var random = new Random(context.Seed);
        var encoder = new Dense(context.InputFeatures, settings.Qubits, random, init: Initialization.XavierUniform);
        Quantum = new QuantumLayer(Circuit(settings), Readout(settings.Qubits), context.Backend, random, context.Differentiation);
        var head = new Dense(settings.Qubits, context.Outputs, random, init: Initialization.XavierUniform);
        Network = new Sequential(encoder, new AngleScaling(settings.Scale), Quantum, head);
        Card = new ModelCard
        {
            ModelId = HybridModelFactory.ModelName,
            ModelVersion = Version,
            Task = context.Task,
            InputFeatures = context.InputFeatures,
            Outputs = context.Outputs,
            SequenceLength = context.SequenceLength,
            ParameterCount = Network.ParameterCount,
            Options = options.ToDictionary(),
            Backend = context.Backend.Info.Name,
            Differentiation = DifferentiationMethodNames.Name(context.Differentiation),
            Seed = context.Seed,
        };
    }

    public override ModelCard Card { get; }

    public override Module Network { get; }

    public QuantumLayer Quantum { get; }

    /// <summary>RY(x_i) on qubit i, then per layer RY(w) and RZ(w) on each qubit and CX(i, i+1 mod q).</summary>
    internal static Circuit Circuit(HybridSettings settings)
    {
        var q = settings.Qubits;
        var builder = new CircuitBuilder(q, name: "hybrid");
        for (var i = 0; i < q; i++)
        {
            builder.RY(i, builder.Input($"x{i}"));
        }

        for (var layer = 0; layer < settings.Layers; layer++)
        {
            for (var i = 0; i < q; i++)
            {
                builder.RY(i, builder.Weight($"ry{layer}_{i}")).RZ(i, builder.Weight($"rz{layer}_{i}"));
            }

            if (q == 2)
            {
                builder.CX(0, 1);
            }
            else if (q > 2)
            {
                for (var i = 0; i < q; i++)
                {
                    builder.CX(i, (i + 1) % q);
                }
            }
        }

        return builder.Build();
    }

    private static Observable[] Readout(int qubits) => [.. Enumerable.Range(0, qubits).Select(Observable.Z)];

    /// <summary>scale·tanh(x): squashes the encoder's output into rotation angles.</summary>
    private sealed class AngleScaling(double scale) : Module
    {
        public override Tensor Forward(Tensor input) => Ops.MulScalar(Ops.Tanh(input), scale);
    }
}
