using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;

namespace Qml.Samples.TinyStatevector.Tests;

public sealed class BackendTests
{
    private static IBackend Create() => new BackendFactory().Create(BackendOptions.Default);

    [Test]
    public void TheModuleRegistersTheFactory()
    {
        var services = new ServiceCollection();
        new BackendModule().ConfigureServices(services);

        var factories = services.Where(d => d.ServiceType == typeof(IBackendFactory)).Select(d => d.ImplementationType);
        Assert.That(factories, Is.EqualTo(new[] { typeof(BackendFactory) }));
    }

    [Test]
    public async Task ABellPairHasHalfItsWeightOnEachOfTwoOutcomes()
    {
        using var backend = Create();
        var bell = new CircuitBuilder(2).H(0).CX(0, 1).Build();

        var result = await backend.ExecuteAsync(new ExecutionRequest { Circuit = bell, Outputs = ResultKinds.Probabilities });

        Assert.That(result.Probabilities!.Row(0).ToArray(), Is.EqualTo(new[] { 0.5, 0, 0, 0.5 }).Within(1e-12));
    }

    [TestCase(0.0)]
    [TestCase(0.7)]
    [TestCase(2.9)]
    public async Task TheZExpectationAfterRxIsTheCosineOfTheAngle(double theta)
    {
        using var backend = Create();
        var builder = new CircuitBuilder(1);
        builder.RX(0, builder.Input("theta"));

        var result = await backend.ExecuteAsync(new ExecutionRequest
        {
            Circuit = builder.Build(),
            Bindings = BindingTable.Single(theta),
            Observables = [Observable.Z(0)],
        });

        Assert.That(result.Expectations![0, 0], Is.EqualTo(Math.Cos(theta)).Within(1e-12));
    }

    [Test]
    public async Task SamplesAreReproducibleForOneSeed()
    {
        using var backend = Create();
        var circuit = new CircuitBuilder(3).H(0).H(1).H(2).Build();
        var request = new ExecutionRequest { Circuit = circuit, Outputs = ResultKinds.Samples, Shots = 200, Seed = 7 };

        var first = await backend.ExecuteAsync(request);
        var second = await backend.ExecuteAsync(request);

        Assert.That(first.Samples!.Words, Is.EqualTo(second.Samples!.Words));
        Assert.That(first.Samples.Counts(0).Keys.Count, Is.EqualTo(8), "every outcome of three fair coins shows up in 200 shots");
    }

    [Test]
    public void ACircuitWiderThanTheDeclaredMaximumIsRefusedWithTheLimit()
    {
        using var backend = Create();
        var wide = new CircuitBuilder(BackendFactory.MaxQubits + 1).H(0).Build();

        var error = Assert.ThrowsAsync<BackendException>(() => backend.ExecuteAsync(new ExecutionRequest { Circuit = wide, Outputs = ResultKinds.Probabilities }));

        Assert.That(error!.Message, Does.Contain($"at most {BackendFactory.MaxQubits}"));
    }
}
