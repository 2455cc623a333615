using Qml.Abstractions.Circuits;
using Qml.Abstractions.Observables;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;

namespace QmlModel1;

/// <summary>
/// Dense(features → q) → π·tanh → <see cref="QuantumLayer"/> → Dense(q → outputs). The quantum
/// layer runs on whichever backend the user picks (<c>--backend</c>) and differentiates the way
/// <c>--diff</c> says; <see cref="ModelBase"/> supplies cross-entropy or MSE and the metrics.
/// </summary>
public sealed class HybridClassifier : ModelBase
{
    /// <summary>Raise the major when the parameter names or shapes change: old checkpoints are then refused.</summary>
    public const string Version = "1.0.0";

    /// <summary>Builds the network; every initial weight is drawn from <see cref="ModelContext.Seed"/>.</summary>
    public HybridClassifier(int qubits, int layers, ModelOptions options, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var random = new Random(context.Seed);
        var encoder = new Dense(context.InputFeatures, qubits, random, init: Initialization.XavierUniform);
        var quantum = new QuantumLayer(Circuit(qubits, layers), [.. Enumerable.Range(0, qubits).Select(Observable.Z)], context.Backend, random, context.Differentiation);
        var head = new Dense(qubits, context.Outputs, random, init: Initialization.XavierUniform);
        Network = new Sequential(encoder, new AngleSquash(), quantum, head);
        Card = new ModelCard
        {
            ModelId = ModelFactory.ModelName,
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

    /// <inheritdoc />
    public override ModelCard Card { get; }

    /// <inheritdoc />
    public override Module Network { get; }

    /// <summary>RY(x_i) on qubit i, then per layer RY(w) on each qubit and a CX chain.</summary>
    internal static Circuit Circuit(int qubits, int layers)
    {
        var builder = new CircuitBuilder(qubits, name: ModelFactory.ModelName);
        for (var i = 0; i < qubits; i++)
        {
            builder.RY(i, builder.Input($"x{i}"));
        }

        for (var layer = 0; layer < layers; layer++)
        {
            for (var i = 0; i < qubits; i++)
            {
                builder.RY(i, builder.Weight($"w{layer}_{i}"));
            }

            for (var i = 0; i + 1 < qubits; i++)
            {
                builder.CX(i, i + 1);
            }
        }

        return builder.Build();
    }

    /// <summary>π·tanh(x): squashes the encoder's output into rotation angles.</summary>
    private sealed class AngleSquash : Module
    {
        public override Tensor Forward(Tensor input) => Ops.MulScalar(Ops.Tanh(input), Math.PI);
    }
}
