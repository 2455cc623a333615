using Qml.Learning.Autodiff;
using Qml.Learning.Layers;
using Qml.Learning.Losses;
using Qml.Learning.Optimizers;
using Qml.Learning.Schedules;
using Qml.Learning.Tensors;

namespace Qml.Learning.Tests.Layers;

/// <summary>End to end: layers, losses, autodiff and Adam together learn a nonlinear boundary.</summary>
public sealed class MlpTrainingTests
{
    /// <summary>Two interleaved half circles with Gaussian noise (scikit-learn's make_moons).</summary>
    private static (Tensor X, int[] Labels) TwoMoons(int count, double noise, int seed)
    {
        var random = new Random(seed);
        Tensor noiseTensor = Tensor.RandomNormal(random, [count, 2], 0, noise);
        var x = Tensor.Zeros(count, 2);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            double angle = Math.PI * random.NextDouble();
            labels[i] = i % 2;
            (double px, double py) = labels[i] == 0 ? (Math.Cos(angle), Math.Sin(angle)) : (1 - Math.Cos(angle), 0.5 - Math.Sin(angle));
            x[i, 0] = px + noiseTensor[i, 0];
            x[i, 1] = py + noiseTensor[i, 1];
        }

        return (x, labels);
    }

    [Test]
    public void An_mlp_learns_two_moons_to_at_least_95_percent_test_accuracy_with_adam()
    {
        (Tensor trainX, int[] trainY) = TwoMoons(400, 0.1, seed: 1);
        (Tensor testX, int[] testY) = TwoMoons(400, 0.1, seed: 2);
        var random = new Random(3);
        var model = new Sequential(
            new Dense(2, 32, random), new Tanh(),
            new Dense(32, 32, random), new Relu(),
            new Dropout(0.05, seed: 4),
            new Dense(32, 2, random, init: Initialization.XavierUniform));
        var adam = new Adam(model.Parameters(), new AdamOptions(LearningRate: 0.02));
        var schedule = new CosineAnnealing(0.02, totalEpochs: 60, minLearningRate: 1e-3, warmupEpochs: 3);

        const int batchSize = 50;
        var order = Enumerable.Range(0, trainY.Length).ToArray();
        var shuffle = new Random(5);
        double lastLoss = double.NaN;
        for (int epoch = 0; epoch < 60; epoch++)
        {
            schedule.Apply(adam, epoch);
            model.Train();
            shuffle.Shuffle(order);
            for (int start = 0; start < order.Length; start += batchSize)
            {
                int[] rows = order[start..(start + batchSize)];
                int[] labels = rows.Select(r => trainY[r]).ToArray();
                adam.ZeroGrad();
                Tensor loss = Loss.CrossEntropy(model.Forward(Ops.IndexSelect(trainX, rows)), labels);
                loss.Backward();
                adam.Step();
                lastLoss = loss.Item();
            }
        }

        model.Eval();
        double accuracy;
        using (new NoGradScope())
        {
            accuracy = Metrics.Accuracy(model.Forward(testX), testY);
        }

        Assert.That(accuracy, Is.GreaterThanOrEqualTo(0.95), $"test accuracy {accuracy:P1}, last batch loss {lastLoss:G4}");
        Assert.That(lastLoss, Is.LessThan(0.2));
    }

    [Test]
    public void Training_is_deterministic_given_the_seeds()
    {
        static double[] Run()
        {
            (Tensor x, int[] y) = TwoMoons(64, 0.1, seed: 7);
            var model = new Sequential(new Dense(2, 8, seed: 1), new Silu(), new Dropout(0.2, seed: 2), new BatchNorm1d(8), new Dense(8, 2, seed: 3));
            var opt = new AdamW(model.Parameters());
            for (int i = 0; i < 20; i++)
            {
                opt.ZeroGrad();
                Loss.CrossEntropy(model.Forward(x), y).Backward();
                opt.Step();
            }

            return [.. model.Parameters().SelectMany(p => p.Value.ToArray()), .. model.NamedBuffers().SelectMany(b => b.Value.ToArray())];
        }

        double[] first = Run();
        double[] second = Run();
        Assert.That(second, Is.EqualTo(first));
    }
}
