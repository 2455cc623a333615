using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Learning.Quantum;

namespace Qml.Learning.Tests.Quantum;

public sealed class QuantumGradientsTests
{
    [TestCase(3, 11)]
    [TestCase(4, 12)]
    public void AdjointParameterShiftAndFiniteDifferencesAgree(int qubits, int seed)
    {
        using var backend = QuantumTestCircuits.Cpu();
        var circuit = QuantumTestCircuits.EveryRotation(qubits, inputs: 2, weights: 5, seed);
        var random = new Random(seed);
        const int rows = 3;
        var values = Enumerable.Range(0, rows * circuit.Symbols.Length).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
        var observables = QuantumTestCircuits.Readout(qubits);
        var request = new ExecutionRequest { Circuit = circuit, Bindings = new BindingTable(rows, circuit.Symbols.Length, values), Observables = [.. observables] };
        var upstream = new ResultMatrix<double>(rows, observables.Length, [.. Enumerable.Range(0, rows * observables.Length).Select(_ => random.NextDouble() - 0.5)]);

        var adjoint = QuantumGradients.VectorJacobianAsync(backend, request, upstream, DifferentiationMethod.Adjoint).GetAwaiter().GetResult();
        var shift = QuantumGradients.VectorJacobianAsync(backend, request, upstream, DifferentiationMethod.ParameterShift).GetAwaiter().GetResult();
        var finite = QuantumGradients.VectorJacobianAsync(backend, request, upstream, DifferentiationMethod.FiniteDifference).GetAwaiter().GetResult();

        Assert.That(shift.Values, Is.EqualTo(adjoint.Values).Within(1e-8), "parameter shift vs adjoint");
        Assert.That(finite.Values, Is.EqualTo(adjoint.Values).Within(1e-8), "finite differences vs adjoint");
        Assert.That(adjoint.Values.Max(Math.Abs), Is.GreaterThan(1e-3), "a gradient of zeros would agree vacuously");
    }

    [Test]
    public void AutoPicksAdjointWhereTheBackendHasIt()
    {
        using var backend = QuantumTestCircuits.Cpu();

        Assert.That(QuantumGradients.Resolve(DifferentiationMethod.Auto, backend), Is.EqualTo(DifferentiationMethod.Adjoint));
    }

    [TestCase("parameter-shift", DifferentiationMethod.ParameterShift)]
    [TestCase("finite-diff", DifferentiationMethod.FiniteDifference)]
    [TestCase("ADJOINT", DifferentiationMethod.Adjoint)]
    public void MethodNamesParse(string text, DifferentiationMethod expected)
    {
        Assert.That(DifferentiationMethodNames.Parse(text), Is.EqualTo(expected));
    }

    [Test]
    public void UnknownMethodNameListsTheValidOnes()
    {
        var error = Assert.Throws<QmlException>(() => DifferentiationMethodNames.Parse("backprop"));

        Assert.That(error!.Message, Does.Contain("backprop").And.Contain("parameter-shift"));
    }
}
