using Qml.Abstractions.Circuits;
using Qml.Abstractions.Gates;
using Qml.Backends.Cpu.Gradients;
using Qml.Backends.Cpu.Memory;
using Qml.Backends.Cpu.Tests.Support;

namespace Qml.Backends.Cpu.Tests.Gradients;

/// <summary>Im⟨λ|P|ψ_after⟩ equals 2·Re⟨λ|∂U|ψ_before⟩, the derivative-matrix form, on every qubit.</summary>
public sealed class RotationGeneratorProductTests
{
    [TestCase(OperationKind.RX)]
    [TestCase(OperationKind.RY)]
    [TestCase(OperationKind.RZ)]
    public void MatchesTheDerivativeMatrixForm(OperationKind kind)
    {
        const int n = 6;
        var random = new Random((int)kind);
        var theta = (random.NextDouble() * 6) - 3;
        using var lambda = new StateBuffer(n);
        using var before = new StateBuffer(n);
        using var after = new StateBuffer(n);
        NaiveStatevector.RandomState(random, n).CopyTo(lambda.Amplitudes);
        var beforeValues = NaiveStatevector.RandomState(random, n);
        beforeValues.CopyTo(before.Amplitudes);

        for (var qubit = 0; qubit < n; qubit++)
        {
            var afterValues = (System.Numerics.Complex[])beforeValues.Clone();
            NaiveStatevector.Apply(afterValues, GateMatrices.Create(kind, theta), [qubit]);
            afterValues.CopyTo(after.Amplitudes);
            var operation = Operation.Gate(kind, [qubit], theta);
            var expected = 2.0 * DerivativeInnerProduct.Compute(operation, [theta], 0, lambda, before, 1);

            foreach (var threads in new[] { 1, 2 })
            {
                Assert.That(RotationGeneratorProduct.Compute(kind, qubit, lambda, after, threads), Is.EqualTo(expected).Within(1e-12), $"qubit {qubit}, {threads} thread(s)");
            }
        }
    }
}
