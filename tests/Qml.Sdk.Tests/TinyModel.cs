using Qml.Abstractions.Circuits;
using Qml.Abstractions.Observables;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Quantum;

namespace Qml.Sdk.Tests;

/// <summary>The smallest hybrid model: Dense → quantum layer (RY(x), RY(w), CX, ⟨Z⟩) → Dense; the model test kit's subject.</summary>
internal sealed class TinyModelFactory : IModelFactory
{
    private static readonly ModelOptionInfo[] Options = [new("qubits", "qubits of the quantum layer", "2")];

    public string Name => "tiny";

    public ModelDescriptor Describe() => new(Name, "dense → quantum layer → dense", ModelTask.Classification, Options, "moons");

    public IModel Create(ModelOptions options, ModelContext context)
    {
        options.RequireKnown(Name, Options);
        return new TinyModel(options.GetInt("qubits", 2, 1, 6), options, context);
    }

    private sealed class TinyModel : ModelBase
    {
        public TinyModel(int qubits, ModelOptions options, ModelContext context)
        {
            var random = new Random(context.Seed);
            var builder = new CircuitBuilder(qubits);
            for (var i = 0; i < qubits; i++)
            {
                builder.RY(i, builder.Input($"x{i}")).RY(i, builder.Weight($"w{i}"));
            }

            for (var i = 0; i + 1 < qubits; i++)
            {
                builder.CX(i, i + 1);
            }

            Network = new Sequential(
                new Dense(context.InputFeatures, qubits, random),
                new QuantumLayer(builder.Build(), [.. Enumerable.Range(0, qubits).Select(Observable.Z)], context.Backend, random, context.Differentiation),
                new Dense(qubits, context.Outputs, random));
            Card = new ModelCard
            {
                ModelId = "tiny",
                Task = context.Task,
                InputFeatures = context.InputFeatures,
                Outputs = context.Outputs,
                ParameterCount = Network.ParameterCount,
                Options = options.ToDictionary(),
                Seed = context.Seed,
            };
        }

        public override ModelCard Card { get; }

        public override Module Network { get; }
    }
}
