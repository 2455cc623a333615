using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Backends.Mps.Tests.Support;
using Qml.Learning.Quantum;

namespace Qml.Backends.Mps.Tests;

/// <summary>What a quantum layer on <c>-b mps</c> gets from <c>--diff auto</c>: the backend's adjoint, equal to the learning library's parameter shifts.</summary>
[TestFixture]
public sealed class AdjointDifferentiationChoiceTests
{
    [Test]
    public void AutoResolvesToTheAdjoint()
    {
        using var mps = TestBackends.Mps();
        Assert.That(QuantumGradients.Resolve(DifferentiationMethod.Auto, mps), Is.EqualTo(DifferentiationMethod.Adjoint));
    }

    [Test]
    public async Task AdjointEqualsParameterShiftsThroughTheLearningLibrary()
    {
        var circuit = TestCircuits.Random(8, 40, seed: 8);
        var request = new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = BindingTable.FromRows([[0.3, -1.2], [2.1, 0.4], [-0.7, 0.9]]),
            Observables = [Observable.Parse("Z0 Z7 + 0.5*X3"), Observable.Parse("Y1 - 0.25*Z5")],
            Outputs = ResultKinds.Expectations,
        };
        var upstream = new ResultMatrix<double>(3, 2, [1.0, -0.5, 0.3, 2.0, -1.1, 0.7]);
        using var mps = TestBackends.Mps();

        var adjoint = await QuantumGradients.VectorJacobianAsync(mps, request, upstream, DifferentiationMethod.Auto);
        var shifts = await QuantumGradients.VectorJacobianAsync(mps, request, upstream, DifferentiationMethod.ParameterShift);

        Assert.That(adjoint.Values, Is.EqualTo(shifts.Values).Within(1e-9));
        Assert.That(adjoint.Values.Max(Math.Abs), Is.GreaterThan(1e-3), "a gradient that is not trivially zero");
    }
}
