using Qml.Learning.Tensors;
using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Tests.Layers;

/// <summary>Per-unit QKAN layers (output o reads input o mod I only), the gate maps of QKAN-LSTM's recurrence.</summary>
public sealed class PerUnitLayerTests
{
    private const int Inputs = 3, Outputs = 6;

    private static IEnumerable<TestCaseData> Configurations()
    {
        foreach (Ansatz ansatz in new[] { Ansatz.Pz, Ansatz.Rpz, Ansatz.Real })
        {
            foreach (Readout readout in Enum.GetValues<Readout>())
            {
                var options = new QkanLayerOptions { Ansatz = ansatz, Readout = readout, Reps = 2, PerUnit = true }.WithAllFlags();
                yield return new TestCaseData(options).SetArgDisplayNames($"{AnsatzInfo.Name(ansatz)}-{ReadoutInfo.Name(readout)}");
            }
        }
    }

    [TestCaseSource(nameof(Configurations))]
    public void Each_output_is_the_one_edge_of_its_input(QkanLayerOptions options)
    {
        var layer = LayerFixtures.Layer(options, inputs: Inputs, outputs: Outputs);
        const int batch = 11;
        var x = LayerFixtures.Inputs(batch, Inputs);
        var y = layer.Forward(Tensor.FromArray([batch, Inputs], x)).ToArray();
        for (int o = 0; o < Outputs; o++)
        {
            // The same edge as a 1 → 1 layer, which the gate-by-gate tests pin.
            var single = new QkanLayer(1, 1, options with { PerUnit = false });
            foreach (var ((_, from), (_, to)) in LayerFixtures.All(layer).Zip(LayerFixtures.All(single)))
            {
                int perEdge = from.Length / Outputs;
                from.Data.Slice(o * perEdge, perEdge).CopyTo(to.Data);
            }

            var column = Enumerable.Range(0, batch).Select(b => x[(b * Inputs) + (o % Inputs)]).ToArray();
            var expected = single.Forward(Tensor.FromArray([batch, 1], column)).ToArray();
            var actual = Enumerable.Range(0, batch).Select(b => y[(b * Outputs) + o]).ToArray();
            Assert.That(actual, Is.EqualTo(expected).Within(1e-14), $"output {o}");
        }
    }

    [TestCaseSource(nameof(Configurations))]
    public void Gradients_match_finite_differences(QkanLayerOptions options)
    {
        var layer = LayerFixtures.Layer(options, inputs: Inputs, outputs: Outputs);
        const int batch = 9;
        var x = LayerFixtures.Inputs(batch, Inputs);
        var weights = LayerFixtures.Inputs(batch, Outputs, seed: 5);
        var (dx, dParameters) = Gradients.Tape(layer, x, batch, weights);

        double Loss() => Gradients.Loss(layer, x, batch, weights);
        for (int k = 0; k < x.Length; k++)
        {
            Assert.That(dx[k], Is.EqualTo(Gradients.Central(Loss, x, k)).Within(1e-8), $"dL/dx[{k}]");
        }

        foreach (var (name, parameter) in layer.NamedParameters())
        {
            for (int k = 0; k < parameter.Length; k++)
            {
                Assert.That(dParameters[name][k], Is.EqualTo(Gradients.Central(Loss, parameter.Value.Data, k)).Within(1e-8), $"dL/d{name}[{k}]");
            }
        }
    }

    [Test]
    public void The_circuit_solver_agrees_with_the_exact_solver()
    {
        var options = new QkanLayerOptions { Reps = 2, PerUnit = true, Readout = Readout.PauliZ }.WithAllFlags();
        var exact = LayerFixtures.Layer(options, inputs: Inputs, outputs: Outputs);
        var circuit = LayerFixtures.Layer(options with { Solver = SolverKind.Circuit, Backend = SpecReference.Backend }, inputs: Inputs, outputs: Outputs);
        const int batch = 5;
        var x = LayerFixtures.Inputs(batch, Inputs);
        var weights = LayerFixtures.Inputs(batch, Outputs, seed: 5);
        Assert.That(circuit.Forward(Tensor.FromArray([batch, Inputs], x)).ToArray(), Is.EqualTo(exact.Forward(Tensor.FromArray([batch, Inputs], x)).ToArray()).Within(1e-12));
        var (dxExact, dExact) = Gradients.Tape(exact, x, batch, weights);
        var (dxCircuit, dCircuit) = Gradients.Tape(circuit, x, batch, weights);
        Assert.That(dxCircuit, Is.EqualTo(dxExact).Within(1e-12));
        foreach (var (name, values) in dExact)
        {
            Assert.That(dCircuit[name], Is.EqualTo(values).Within(1e-12), name);
        }
    }

    [Test]
    public void Has_one_edge_per_output_and_needs_outputs_a_multiple_of_inputs()
    {
        var options = new QkanLayerOptions { Reps = 3, PerUnit = true };
        var layer = new QkanLayer(4, 8, options);
        Assert.Multiple(() =>
        {
            Assert.That(layer.Theta.Shape, Is.EqualTo(new[] { 8, 1, 4, 2 }));
            Assert.That(layer.ParameterCount, Is.EqualTo(8 * (8 + 1)));
            Assert.That(QkanLayer.ExpectedParameterCount(4, 8, options), Is.EqualTo(layer.ParameterCount));
        });
        var error = Assert.Throws<ArgumentException>(() => _ = new QkanLayer(4, 6, options));
        Assert.That(error!.Message, Does.Contain("multiple of its inputs"));
    }
}
