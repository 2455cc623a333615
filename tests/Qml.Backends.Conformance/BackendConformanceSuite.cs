using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;

namespace Qml.Backends.Conformance;

/// <summary>
/// The suite every backend passes. A backend joins with one fixture:
/// <code>
/// [TestFixture]
/// public sealed class MyConformanceTests : BackendConformanceSuite
/// {
///     protected override IBackend CreateBackend() => new MyBackendFactory().Create(BackendOptions.Default);
/// }
/// </code>
/// One backend instance serves the whole fixture. Tests that need a capability skip themselves
/// through <c>Assume</c> on the backend's declared <see cref="Capabilities"/>.
/// </summary>
public abstract partial class BackendConformanceSuite
{
    private IBackend? _backend;

    /// <summary>The backend under test (created once per fixture).</summary>
    protected IBackend Backend => _backend ?? throw new InvalidOperationException("The backend is created in OneTimeSetUp.");

    protected Capabilities Capabilities => Backend.Info.Capabilities;

    /// <summary>Amplitude tolerance: 1e-10 in double precision, 1e-5 in single.</summary>
    protected double Tolerance => Capabilities.Precision == Precision.Double ? 1e-10 : 1e-5;

    /// <summary>Creates the backend under test.</summary>
    protected abstract IBackend CreateBackend();

    [OneTimeSetUp]
    public void CreateBackendForFixture() => _backend = CreateBackend();

    [OneTimeTearDown]
    public void DisposeBackend()
    {
        _backend?.Dispose();
        _backend = null;
    }

    protected Task<ExecutionResult> RunAsync(ExecutionRequest request) => Backend.ExecuteAsync(request);

    /// <summary>
    /// Runs <paramref name="circuit"/> for every row of <paramref name="bindings"/> and compares
    /// with <paramref name="expected"/> states: amplitude by amplitude (global phase included)
    /// when the backend returns states, otherwise through probabilities and Pauli probes.
    /// </summary>
    protected async Task AssertMatchesStatesAsync(Circuit circuit, BindingTable bindings, IReadOnlyList<Complex[]> expected, string context)
    {
        AssumeExactResults();
        if (Capabilities.StateAccess)
        {
            var result = await RunAsync(new ExecutionRequest { Circuit = circuit, Bindings = bindings, Outputs = ResultKinds.State });
            Assert.That(result.States, Is.Not.Null, $"{context}: states were requested");
            Assert.That((result.States!.Rows, result.States.Columns), Is.EqualTo((bindings.Rows, 1 << circuit.QubitCount)), $"{context}: state table shape");
            for (var row = 0; row < bindings.Rows; row++)
            {
                AssertAmplitudes(result.States.Row(row), expected[row], $"{context}, row {row}");
            }

            return;
        }

        var probes = Probes.For(circuit.QubitCount);
        var measured = await RunAsync(new ExecutionRequest
        {
            Circuit = circuit,
            Bindings = bindings,
            Outputs = ResultKinds.Probabilities | ResultKinds.Expectations,
            Observables = probes,
        });
        for (var row = 0; row < bindings.Rows; row++)
        {
            AssertValues(measured.Probabilities!.Row(row), ReferenceSimulator.Probabilities(expected[row], Probes.AllQubits(circuit.QubitCount)), $"{context}, row {row}, probabilities");
            var expectations = probes.Select(o => ReferenceSimulator.Expectation(expected[row], o)).ToArray();
            AssertValues(measured.Expectations!.Row(row), expectations, $"{context}, row {row}, expectations of [{string.Join("; ", probes)}]");
        }
    }

    /// <summary>Skips comparisons at amplitude precision on backends whose numbers are estimates or noisy.</summary>
    protected void AssumeExactResults()
    {
        Assume.That(Capabilities.ExactExpectations, Is.True);
        Assume.That(Capabilities.Noise, Is.False);
    }

    /// <summary>Reference final states of every row.</summary>
    protected static Complex[][] ReferenceStates(Circuit circuit, BindingTable bindings) =>
        [.. Enumerable.Range(0, bindings.Rows).Select(row => ReferenceSimulator.Run(circuit, bindings.Row(row)))];

    protected void AssertAmplitudes(ReadOnlySpan<Complex> actual, ReadOnlySpan<Complex> expected, string context)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), $"{context}: amplitude count");
        var worst = 0.0;
        var worstIndex = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var deviation = (actual[i] - expected[i]).Magnitude;
            if (!(deviation <= worst))
            {
                worst = deviation;
                worstIndex = i;
            }
        }

        Assert.That(
            worst,
            Is.LessThanOrEqualTo(Tolerance),
            $"{context}: amplitude {worstIndex} is {actual[worstIndex]}, expected {expected[worstIndex]}");
    }

    protected void AssertValues(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, string context, double? tolerance = null)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), $"{context}: value count");
        var allowed = tolerance ?? Tolerance;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(actual[i], Is.EqualTo(expected[i]).Within(allowed), $"{context}: value {i}");
        }
    }

    /// <summary>A random binding table for <paramref name="circuit"/>.</summary>
    protected static BindingTable RandomBindings(Random random, Circuit circuit, int rows) =>
        rows == 1 && circuit.Symbols.Length == 0
            ? BindingTable.Empty()
            : BindingTable.FromRows(RandomCircuits.Bindings(random, rows, circuit.Symbols.Length));

    /// <summary>Expectation-only request.</summary>
    protected static ExecutionRequest ExpectationRequest(Circuit circuit, BindingTable bindings, params Observable[] observables) =>
        new() { Circuit = circuit, Bindings = bindings, Observables = [.. observables], Outputs = ResultKinds.Expectations };
}
