using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Tests.Solvers;

public sealed class CircuitSolverTests
{
    private static IEnumerable<TestCaseData> Configurations() => LayerFixtures.AllConfigurations();

    [TestCaseSource(nameof(Configurations))]
    public void Circuit_and_exact_solvers_agree_on_outputs_and_gradients(QkanLayerOptions options)
    {
        var exact = LayerFixtures.Layer(options);
        var circuit = LayerFixtures.Layer(options with { Solver = SolverKind.Circuit, Backend = SpecReference.Backend });
        const int batch = 10;
        var x = LayerFixtures.Inputs(batch, exact.InFeatures);
        var weights = LayerFixtures.Inputs(batch, exact.OutFeatures, seed: 5);

        var yExact = exact.Forward(Tensor.FromArray([batch, exact.InFeatures], x)).ToArray();
        var yCircuit = circuit.Forward(Tensor.FromArray([batch, exact.InFeatures], x)).ToArray();
        Assert.That(yCircuit, Is.EqualTo(yExact).Within(1e-12));

        var (dxExact, dExact) = Gradients.Tape(exact, x, batch, weights);
        var (dxCircuit, dCircuit) = Gradients.Tape(circuit, x, batch, weights);
        Assert.That(dxCircuit, Is.EqualTo(dxExact).Within(1e-11));
        foreach (var (name, grad) in dExact)
        {
            Assert.That(dCircuit[name], Is.EqualTo(grad).Within(1e-11), name);
        }
    }

    [TestCase(Ansatz.Pz)]
    [TestCase(Ansatz.Mix)]
    [TestCase(Ansatz.Real)]
    public void Parameter_shift_gradients_agree_with_the_fused_backward(Ansatz ansatz)
    {
        var options = new QkanLayerOptions { Ansatz = ansatz, Readout = Readout.PauliZ, Reps = 2 }.WithAllFlags();
        var exact = LayerFixtures.Layer(options);
        var shifted = LayerFixtures.Layer(options with
        {
            Solver = SolverKind.Circuit,
            Backend = SpecReference.Backend,
            Differentiation = DifferentiationMethod.ParameterShift,
        });
        const int batch = 5;
        var x = LayerFixtures.Inputs(batch, exact.InFeatures);
        var weights = LayerFixtures.Inputs(batch, exact.OutFeatures, seed: 5);
        var (dxExact, dExact) = Gradients.Tape(exact, x, batch, weights);
        var (dxShift, dShift) = Gradients.Tape(shifted, x, batch, weights);
        Assert.That(dxShift, Is.EqualTo(dxExact).Within(1e-11));
        foreach (var (name, grad) in dExact)
        {
            Assert.That(dShift[name], Is.EqualTo(grad).Within(1e-11), name);
        }
    }
}
