using Qml.Learning.Models;
using Qml.Learning.Optimizers;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Models.Qkan.Data;
using Qml.Models.Qkan.Models;

namespace Qml.Models.Qkan.Tests.Models;

public sealed class BesselTrainingTests
{
    /// <summary>The bar: QKAN [1, 10, 1] fits J0(20x) on [0, 1] to test MSE ≤ 3e-3 (fixed seed).</summary>
    [Test]
    public void Qkan_1_10_1_fits_j0_of_20x()
    {
        var train = FunctionDatasets.BesselJ0Scaled(samples: 512, seed: 0);
        var test = FunctionDatasets.BesselJ0Scaled(samples: 1000, seed: 1);
        var context = new ModelContext(SpecReference.Backend, DifferentiationMethod.Auto, Seed: 0, InputFeatures: 1, Outputs: 1, ModelTask.Regression);
        var options = ModelOptions.Parse(Environment.GetEnvironmentVariable("QKAN_J0_OPTIONS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? ["preact=true", "postact-weight=true", "postact-bias=true"]);
        var model = new QkanModelFactory().Create(options, context);
        var network = model.Network;
        var adam = new Adam(network.Parameters(), new AdamOptions(LearningRate: 2e-2));
        var x = Tensor.FromArray([train.SampleCount, 1], train.Features);
        var y = Tensor.FromArray([train.SampleCount, 1], train.Targets!);
        int steps = int.Parse(Environment.GetEnvironmentVariable("QKAN_J0_STEPS") ?? "400", System.Globalization.CultureInfo.InvariantCulture);
        for (int step = 0; step < steps; step++)
        {
            network.ZeroGrad();
            var loss = Ops.Mean(Ops.Square(Ops.Sub(network.Forward(x), y)));
            loss.Backward();
            adam.Step();
            if (step % 250 == 0)
            {
                TestContext.Out.WriteLine($"step {step}: train MSE {loss.Item():E3}");
            }
        }

        var prediction = network.Forward(Tensor.FromArray([test.SampleCount, 1], test.Features)).ToArray();
        double mse = prediction.Select((p, k) => (p - test.Targets![k]) * (p - test.Targets[k])).Average();
        TestContext.Out.WriteLine($"test MSE {mse:E3}, {network.ParameterCount} parameters");
        Assert.That(mse, Is.LessThanOrEqualTo(3e-3));
    }
}
