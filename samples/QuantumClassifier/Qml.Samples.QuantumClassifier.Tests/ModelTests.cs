using Microsoft.Extensions.DependencyInjection;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Optimizers;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Models.TestKit;

namespace Qml.Samples.QuantumClassifier.Tests;

public sealed class ModelTests
{
    [Test]
    public void TheModuleRegistersTheFactory()
    {
        var services = new ServiceCollection();
        new ModelModule().ConfigureServices(services);

        var factories = services.Where(d => d.ServiceType == typeof(IModelFactory)).Select(d => d.ImplementationType);
        Assert.That(factories, Is.EqualTo(new[] { typeof(ModelFactory) }));
    }

    [Test]
    public void AFewAdamStepsLowerTheLossOnASeparableProblem()
    {
        using var backend = new ExactTestBackend();
        var model = new ModelFactory().Create(ModelOptions.Default, new ModelContext(backend, DifferentiationMethod.Auto, 0, 2, 2, ModelTask.Classification));
        // Two blobs: class = sign of the first feature.
        double[] features = [-0.9, 0.1, -0.6, -0.4, -0.8, 0.5, 0.7, -0.2, 0.9, 0.3, 0.6, -0.5];
        var batch = new DatasetBatch([0, 1, 2, 3, 4, 5], features, 2, [0, 0, 0, 1, 1, 1], null, 0);
        var input = Tensor.FromArray([6, 2], features);
        var optimizer = new Adam(model.Network.Parameters(), new AdamOptions(LearningRate: 0.1));

        var first = model.Loss(model.Network.Forward(input), batch).Item();
        for (var step = 0; step < 30; step++)
        {
            model.Network.ZeroGrad();
            model.Loss(model.Network.Forward(input), batch).Backward();
            optimizer.Step();
        }

        var last = model.Loss(model.Network.Forward(input), batch).Item();
        Assert.That(last, Is.LessThan(first * 0.5), $"loss went from {first} to {last}");
    }
}
