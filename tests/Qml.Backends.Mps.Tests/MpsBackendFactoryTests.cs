using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;
using Qml.Backends.Mps.Tests.Support;

namespace Qml.Backends.Mps.Tests;

/// <summary>The factory's name, options and capabilities, and clear errors for bad options.</summary>
[TestFixture]
public sealed class MpsBackendFactoryTests
{
    [Test]
    public void DescribesItselfWithDocumentedOptions()
    {
        var descriptor = new MpsBackendFactory().Describe();
        Assert.That(descriptor.Name, Is.EqualTo("mps"));
        Assert.That(descriptor.Options.Select(o => o.Name), Is.EquivalentTo(new[] { "max-bond", "cutoff", "threads" }));
        Assert.That(descriptor.Options.First(o => o.Name == "max-bond").DefaultValue, Is.EqualTo("256"));
        var caps = descriptor.Capabilities;
        Assert.Multiple(() =>
        {
            Assert.That(caps.MaxQubits, Is.EqualTo(1024));
            Assert.That(caps.ExactExpectations, Is.True);
            Assert.That(caps.MidCircuitMeasurement, Is.False);
            Assert.That(caps.GradientMethods.HasFlag(GradientMethods.Adjoint), Is.True);
            Assert.That(caps.NativeGates.Contains(OperationKind.Reset), Is.False);
            Assert.That(caps.NativeGates.MaxUnitaryQubits, Is.EqualTo(4));
        });
    }

    [TestCase("max-bond", "-3", "max-bond")]
    [TestCase("max-bond", "0", "max-bond")]
    [TestCase("max-bond", "lots", "max-bond")]
    [TestCase("cutoff", "1", "[0, 1)")]
    [TestCase("cutoff", "2.5", "cutoff")]
    [TestCase("cutoff", "-1e-9", "cutoff")]
    [TestCase("threads", "0", "threads")]
    [TestCase("bond", "4", "valid: cutoff, max-bond, threads")]
    public void BadOptionsAreRefusedNamingTheKey(string key, string value, string mention)
    {
        var error = Assert.Throws<QmlException>(() => TestBackends.Mps((key, value)));
        Assert.That(error!.Message, Does.Contain(mention));
    }

    [Test]
    public void OptionsReachTheBackend()
    {
        using var backend = (MpsBackend)TestBackends.Mps(("max-bond", "32"), ("cutoff", "1e-9"), ("threads", "1"));
        Assert.That((backend.MaxBond, backend.Cutoff, backend.Threads), Is.EqualTo((32, 1e-9, 1)));
    }

    [Test]
    public async Task FiveQubitUnitariesAreDecomposedToTheWidthLimit()
    {
        using var backend = TestBackends.Mps();

        // X on the unitary's first operand (qubit 0), identity on the other four; wider than the
        // 4-qubit native limit, so it reaches the backend as Shannon-decomposition blocks.
        var flip = new Qml.Abstractions.Circuits.UnitaryMatrix(Enumerable.Range(0, 32 * 32).Select(i => i / 32 == ((i % 32) ^ 1) ? System.Numerics.Complex.One : System.Numerics.Complex.Zero));
        var circuit = new Qml.Abstractions.Circuits.CircuitBuilder(6).Add(Qml.Abstractions.Circuits.Operation.Unitary(flip, [0, 1, 2, 3, 5])).Build();
        var result = await backend.ExecuteAsync(new ExecutionRequest { Circuit = circuit, Observables = [Qml.Abstractions.Observables.Observable.Z(0)], Outputs = ResultKinds.Expectations });
        Assert.That(result.Expectations!.Row(0).ToArray()[0], Is.EqualTo(-1).Within(1e-9));
    }
}
