using Qml.Abstractions;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Quantum;

public sealed class QuantumLayerTests
{
    [TestCase(DifferentiationMethod.Adjoint)]
    [TestCase(DifferentiationMethod.ParameterShift)]
    public void BackwardMatchesFiniteDifferencesOfTheWholeLayer(DifferentiationMethod method)
    {
        using var backend = QuantumTestCircuits.Cpu();
        var circuit = QuantumTestCircuits.EveryRotation(3, inputs: 2, weights: 4, seed: 5);
        var layer = new QuantumLayer(circuit, QuantumTestCircuits.Readout(3), backend, new Random(1), method);
        var input = Tensor.RandomUniform(new Random(2), [4, 2], -1, 1);
        input.RequiresGrad = true;
        var mix = Tensor.RandomUniform(new Random(3), [4, 3], -1, 1);

        Ops.Sum(layer.Forward(input) * mix).Backward();
        var inputGradient = input.Grad!.ToArray();
        var weightGradient = layer.Weights.Grad!.ToArray();

        double Loss()
        {
            using var _ = new Qml.Learning.Autodiff.NoGradScope();
            return Ops.Sum(layer.Forward(input.Detach()) * mix).Item();
        }

        Assert.That(inputGradient, Is.EqualTo(Numeric(input.Data, Loss)).Within(1e-7));
        Assert.That(weightGradient, Is.EqualTo(Numeric(layer.Weights.Value.Data, Loss)).Within(1e-7));
    }

    [Test]
    public void OneForwardIsOneBatchedRequestMatchingTheBackend()
    {
        using var backend = QuantumTestCircuits.Cpu();
        var circuit = QuantumTestCircuits.EveryRotation(3, inputs: 2, weights: 4, seed: 9);
        var observables = QuantumTestCircuits.Readout(3);
        var layer = new QuantumLayer(circuit, observables, backend, new Random(4));
        var input = Tensor.RandomUniform(new Random(5), [5, 2], -1, 1);

        var output = layer.Forward(input);

        Assert.That(output.Shape, Is.EqualTo(new[] { 5, observables.Length }));
        for (var b = 0; b < 5; b++)
        {
            var row = circuit.Symbols.Select((s, i) => s.Role == Abstractions.Circuits.SymbolRole.Input
                ? input[b, int.Parse(s.Name[1..], System.Globalization.CultureInfo.InvariantCulture)]
                : layer.Weights.Value[int.Parse(s.Name[1..], System.Globalization.CultureInfo.InvariantCulture)]).ToArray();
            var single = backend.ExecuteAsync(new Abstractions.Execution.ExecutionRequest
            {
                Circuit = circuit,
                Bindings = Abstractions.Execution.BindingTable.Single(row),
                Observables = [.. observables],
            }).GetAwaiter().GetResult();
            for (var o = 0; o < observables.Length; o++)
            {
                Assert.That(output[b, o], Is.EqualTo(single.Expectations![0, o]).Within(1e-12));
            }
        }
    }

    [Test]
    public void WrongInputWidthNamesTheExpectedShape()
    {
        using var backend = QuantumTestCircuits.Cpu();
        var layer = new QuantumLayer(QuantumTestCircuits.EveryRotation(3, 2, 4, 1), QuantumTestCircuits.Readout(3), backend, new Random(1));

        var error = Assert.Throws<QmlException>(() => layer.Forward(Tensor.Zeros(4, 3)));

        Assert.That(error!.Message, Does.Contain("[batch, 2]").And.Contain("[4, 3]"));
    }

    private static double[] Numeric(Span<double> values, Func<double> loss)
    {
        const double h = 1e-5;
        var gradient = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var saved = values[i];
            values[i] = saved + h;
            var up = loss();
            values[i] = saved - h;
            var down = loss();
            values[i] = saved;
            gradient[i] = (up - down) / (2 * h);
        }

        return gradient;
    }
}
