using Qml.Abstractions.Execution;
using Qml.Learning.Models;

namespace Qml.Models.TestKit;

/// <summary>
/// What every model factory must do, as NUnit tests a model's test project inherits:
/// <code>
/// [TestFixture]
/// public sealed class MyModelKitTests : ModelTestKit
/// {
///     protected override IModelFactory CreateFactory() => new MyModelFactory();
/// }
/// </code>
/// Override <see cref="CreateBackend"/>, <see cref="Options"/>, <see cref="InputFeatures"/>,
/// <see cref="Outputs"/> or <see cref="GradientTolerance"/> when the defaults do not fit.
/// </summary>
public abstract class ModelTestKit
{
    /// <summary>The factory under test.</summary>
    protected abstract IModelFactory CreateFactory();

    /// <summary>The backend quantum layers run on; an exact reference statevector by default.</summary>
    protected virtual IBackend CreateBackend() => new ExactTestBackend();

    /// <summary>The options models are built with (<c>-m key=value</c>); small models keep the checks fast.</summary>
    protected virtual ModelOptions Options => ModelOptions.Default;

    /// <summary>Features per sample of the synthetic batch.</summary>
    protected virtual int InputFeatures => 3;

    /// <summary>Classes (classification) or targets (regression) of the synthetic batch.</summary>
    protected virtual int Outputs => 2;

    /// <summary>Largest accepted |analytic − numeric| / max(1, |numeric|) of one gradient entry.</summary>
    protected virtual double GradientTolerance => 1e-5;

    /// <summary>The checks with this fixture's settings.</summary>
    protected ModelChecks Checks => new(CreateFactory, CreateBackend, Options, InputFeatures, Outputs, GradientTolerance);

    [Test]
    public void TheDescriptorAndTheCardNameTheFactory() => Checks.DescriptorAndCardNameTheFactory();

    [Test]
    public void TheNetworkMapsABatchToOneRowOfOutputsPerSample() => Checks.NetworkMapsABatchToOneRowOfOutputsPerSample();

    [Test]
    public void TheSameSeedBuildsTheSameWeightsAndAnotherSeedOtherWeights() => Checks.SeedDecidesTheWeights();

    [Test]
    public void GradientsMatchCentralFiniteDifferences() => Checks.GradientsMatchCentralFiniteDifferences();

    [Test]
    public void ACheckpointRoundTripsIntoAFreshModel() => Checks.CheckpointRoundTripsIntoAFreshModel();

    [Test]
    public void AnUnknownOptionIsRefusedNamingIt() => Checks.UnknownOptionIsRefusedNamingIt();
}
