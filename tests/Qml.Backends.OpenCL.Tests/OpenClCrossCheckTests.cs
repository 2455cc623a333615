using System.Collections.Immutable;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Abstractions.Observables;
using Qml.Backends.Conformance;
using Qml.Backends.OpenCL.Tests.Support;

namespace Qml.Backends.OpenCL.Tests;

/// <summary>The OpenCL backend against the CPU backend on random circuits, in one process and one run.</summary>
public sealed class OpenClCrossCheckTests
{
    private static readonly OperationKind[] AllNamedKinds = [.. RandomCircuits.NamedGates.Select(g => g.Kind)];

    [TestCase(2, 3)]
    [TestCase(3, 5)]
    [TestCase(6, 4)]
    [TestCase(11, 2)]
    public async Task StatesExpectationsAndMarginalsAgreeWithTheCpuBackend(int qubitCount, int rows)
    {
        var random = new Random(800 + qubitCount);
        var circuit = RandomCircuits.Create(random, qubitCount, AllNamedKinds, inputs: 2, weights: 3, extraGates: 25, withUnitaries: qubitCount >= 3);
        var bindings = BindingTable.FromRows(RandomCircuits.Bindings(random, rows, circuit.Symbols.Length));
        var observables = Observables(qubitCount);
        ImmutableArray<int> marginalQubits = [qubitCount - 1, 0];
        var request = new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = bindings,
            Observables = observables,
            Outputs = ResultKinds.State | ResultKinds.Expectations,
        };
        var marginal = request with { Outputs = ResultKinds.Probabilities, ProbabilityQubits = marginalQubits };

        var actual = await TestBackends.Double.ExecuteAsync(request);
        var expected = await TestBackends.Cpu.ExecuteAsync(request);
        var actualMarginal = await TestBackends.Double.ExecuteAsync(marginal);
        var expectedMarginal = await TestBackends.Cpu.ExecuteAsync(marginal);

        AssertClose(actual.States!.Values.Select(c => c.Real), expected.States!.Values.Select(c => c.Real), 1e-10, "state, real parts");
        AssertClose(actual.States.Values.Select(c => c.Imaginary), expected.States.Values.Select(c => c.Imaginary), 1e-10, "state, imaginary parts");
        AssertClose(actual.Expectations!.Values, expected.Expectations!.Values, 1e-10, "expectations");
        AssertClose(actualMarginal.Probabilities!.Values, expectedMarginal.Probabilities!.Values, 1e-10, $"marginal over [{string.Join(", ", marginalQubits)}]");
    }

    [TestCase(2, 3)]
    [TestCase(5, 4)]
    [TestCase(12, 2)]
    public async Task VectorJacobianProductsAgreeWithTheCpuBackend(int qubitCount, int rows)
    {
        var random = new Random(900 + qubitCount);
        var circuit = RandomCircuits.Create(random, qubitCount, AllNamedKinds, inputs: 2, weights: 4, extraGates: 20, withUnitaries: qubitCount >= 3);
        var bindings = BindingTable.FromRows(RandomCircuits.Bindings(random, rows, circuit.Symbols.Length));
        var observables = Observables(qubitCount);
        var upstream = new ResultMatrix<double>(rows, observables.Length, [.. Enumerable.Range(0, rows * observables.Length).Select(_ => RandomUnitaries.Gaussian(random))]);
        var request = new ExecutionRequest { Circuit = circuit, Bindings = bindings, Observables = observables };

        var actual = await TestBackends.Double.VectorJacobianAsync(request, upstream);
        var expected = await TestBackends.Cpu.VectorJacobianAsync(request, upstream);

        AssertClose(actual.Expectations.Values, expected.Expectations.Values, 1e-10, "expectations");
        AssertClose(actual.SymbolGradients.Values, expected.SymbolGradients.Values, 1e-10, "symbol gradients");
    }

    [Test]
    public async Task EqualSeedsGiveTheCpuBackendsSamples()
    {
        // Uniform probabilities are exact in both backends, so the shared sampler draws the same outcomes.
        var circuit = new CircuitBuilder(5).H(0).H(1).H(2).H(3).H(4).Build();
        var request = new ExecutionRequest { Circuit = circuit, Bindings = BindingTable.Empty(3), Outputs = ResultKinds.Samples, Shots = 300, Seed = 2024 };
        var actual = await TestBackends.Double.ExecuteAsync(request);
        var expected = await TestBackends.Cpu.ExecuteAsync(request);
        Assert.That(actual.Samples!.Words, Is.EqualTo(expected.Samples!.Words));
    }

    [Test]
    public async Task SinglePrecisionAgreesWithTheCpuBackendToSinglePrecision()
    {
        var random = new Random(1234);
        var circuit = RandomCircuits.Create(random, 6, AllNamedKinds, inputs: 1, weights: 3, extraGates: 20, withUnitaries: true);
        var bindings = BindingTable.FromRows(RandomCircuits.Bindings(random, 3, circuit.Symbols.Length));
        var observables = Observables(6);
        var upstream = new ResultMatrix<double>(3, observables.Length, [.. Enumerable.Range(0, 3 * observables.Length).Select(_ => RandomUnitaries.Gaussian(random))]);
        var request = new ExecutionRequest { Circuit = circuit, Bindings = bindings, Observables = observables, Outputs = ResultKinds.Expectations | ResultKinds.Probabilities };

        var actual = await TestBackends.Single.ExecuteAsync(request);
        var expected = await TestBackends.Cpu.ExecuteAsync(request);
        var actualGradient = await TestBackends.Single.VectorJacobianAsync(request, upstream);
        var expectedGradient = await TestBackends.Cpu.VectorJacobianAsync(request, upstream);

        AssertClose(actual.Expectations!.Values, expected.Expectations!.Values, 1e-5, "expectations");
        AssertClose(actual.Probabilities!.Values, expected.Probabilities!.Values, 1e-5, "probabilities");
        AssertClose(actualGradient.SymbolGradients.Values, expectedGradient.SymbolGradients.Values, 1e-4, "symbol gradients");
    }

    private static ImmutableArray<Observable> Observables(int n) =>
    [
        Observable.Z(0),
        Observable.Parse($"0.5*X0 Y{n - 1} - 1.5*Y0 + 0.2"),
        Observable.Parse($"X{n - 1} + 0.75*Z0 Z{n - 1} - 0.3*Y{n / 2}"),
    ];

    private static void AssertClose(IEnumerable<double> actual, IEnumerable<double> expected, double tolerance, string what)
    {
        var a = actual.ToArray();
        var e = expected.ToArray();
        Assert.That(a, Has.Length.EqualTo(e.Length), $"{what}: count");
        var worst = 0;
        for (var i = 1; i < a.Length; i++)
        {
            if (Math.Abs(a[i] - e[i]) > Math.Abs(a[worst] - e[worst]))
            {
                worst = i;
            }
        }

        Assert.That(a[worst], Is.EqualTo(e[worst]).Within(tolerance), $"{what}: worst at index {worst}");
    }
}
