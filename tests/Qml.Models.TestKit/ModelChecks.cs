using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Learning.Training;

namespace Qml.Models.TestKit;

/// <summary>
/// The kit's checks as plain methods (NUnit assertions), for a test project that prefers its own
/// fixtures: <c>new ModelChecks(() =&gt; new MyFactory(), () =&gt; new ExactTestBackend(), ModelOptions.Default, 3, 2, 1e-5).GradientsMatchCentralFiniteDifferences()</c>.
/// </summary>
/// <param name="createFactory">Creates the factory under test.</param>
/// <param name="createBackend">Creates the backend quantum layers run on.</param>
/// <param name="options">The options models are built with.</param>
/// <param name="inputFeatures">Features per sample of the synthetic batch.</param>
/// <param name="outputs">Classes or targets of the synthetic batch.</param>
/// <param name="gradientTolerance">Largest accepted |analytic − numeric| / max(1, |numeric|).</param>
public sealed class ModelChecks(Func<IModelFactory> createFactory, Func<IBackend> createBackend, ModelOptions options, int inputFeatures, int outputs, double gradientTolerance)
{
    private const int BatchSize = 5;

    private ModelTask Task => createFactory().Describe().Task;

    public void DescriptorAndCardNameTheFactory()
    {
        var factory = createFactory();
        var model = Build(seed: 1);

        Assert.Multiple(() =>
        {
            Assert.That(factory.Name, Is.Not.Empty.And.EqualTo(factory.Name.ToLowerInvariant()), "model names are lower-case, as users type them");
            Assert.That(factory.Describe().Name, Is.EqualTo(factory.Name));
            Assert.That(model.Card.ModelId, Is.EqualTo(factory.Name));
            Assert.That(model.Card.Task, Is.EqualTo(Task));
            Assert.That(model.Card.InputFeatures, Is.EqualTo(inputFeatures));
            Assert.That(model.Card.Outputs, Is.EqualTo(outputs));
            Assert.That(model.Card.ParameterCount, Is.EqualTo(model.Network.ParameterCount).And.Positive);
        });
    }

    public void NetworkMapsABatchToOneRowOfOutputsPerSample()
    {
        var output = Build(seed: 1).Network.Forward(Features());

        Assert.That(output.Shape, Is.EqualTo(new[] { BatchSize, outputs }));
        Assert.That(output.ToArray(), Has.All.Matches<double>(double.IsFinite));
    }

    public void SeedDecidesTheWeights()
    {
        var first = Weights(Build(seed: 3));
        var again = Weights(Build(seed: 3));
        var other = Weights(Build(seed: 4));

        Assert.That(again.Keys, Is.EqualTo(first.Keys), "parameter names must not depend on the seed");
        Assert.Multiple(() =>
        {
            foreach (var (name, values) in first)
            {
                Assert.That(again[name], Is.EqualTo(values), $"parameter '{name}' differs between two builds with seed 3");
            }
        });
        Assert.That(first.Any(p => !p.Value.SequenceEqual(other[p.Key])), Is.True, "seed 4 built exactly the weights of seed 3: the seed is ignored");
    }

    public void GradientsMatchCentralFiniteDifferences()
    {
        var model = Build(seed: 5);
        var batch = Batch();
        var features = Features();
        model.Network.ZeroGrad();
        model.Loss(model.Network.Forward(features), batch).Backward();

        const double step = 1e-5;
        var worst = (Error: 0.0, Where: string.Empty);
        foreach (var (name, parameter) in model.Network.NamedParameters())
        {
            var analytic = parameter.Grad?.ToArray() ?? new double[parameter.Length];
            var data = parameter.Value.Data;
            for (var i = 0; i < parameter.Length; i++)
            {
                var saved = data[i];
                data[i] = saved + step;
                var plus = Loss(model, features, batch);
                data[i] = saved - step;
                var minus = Loss(model, features, batch);
                data[i] = saved;
                var numeric = (plus - minus) / (2 * step);
                var error = Math.Abs(analytic[i] - numeric) / Math.Max(1.0, Math.Abs(numeric));
                if (error > worst.Error)
                {
                    worst = (error, $"{name}[{i}]: analytic {analytic[i]:R}, numeric {numeric:R}");
                }
            }
        }

        Assert.That(worst.Error, Is.LessThanOrEqualTo(gradientTolerance), $"worst gradient entry {worst.Where}");
    }

    public void CheckpointRoundTripsIntoAFreshModel()
    {
        var directory = Directory.CreateTempSubdirectory("qml-model-kit-");
        try
        {
            var trained = Build(seed: 6);
            var card = trained.Card;
            Checkpoint.Save(directory.FullName, trained.Network, card, null, new TrainerState { ModelId = card.ModelId, Seed = 6, Optimizer = "adam" });

            var fresh = Build(seed: 7);
            Checkpoint.LoadWeights(directory.FullName, fresh.Network, card.ModelId);

            var features = Features();
            Assert.That(fresh.Network.Eval().Forward(features).ToArray(), Is.EqualTo(trained.Network.Eval().Forward(features).ToArray()).Within(1e-12));
            Assert.That(Checkpoint.ReadCard(directory.FullName).ModelId, Is.EqualTo(card.ModelId));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public void UnknownOptionIsRefusedNamingIt()
    {
        using var backend = createBackend();

        var error = Assert.Throws(Is.InstanceOf<QmlException>(),
            () => createFactory().Create(options.With("no-such-option", "1"), Context(backend, 1)));

        Assert.That(error!.Message, Does.Contain("no-such-option"));
    }

    /// <summary>Builds a model on a fresh backend.</summary>
    public IModel Build(int seed) => createFactory().Create(options, Context(createBackend(), seed));

    private ModelContext Context(IBackend backend, int seed) =>
        new(backend, DifferentiationMethod.Auto, seed, inputFeatures, outputs, Task);

    private Tensor Features()
    {
        var random = new Random(11);
        return Tensor.RandomUniform(random, [BatchSize, inputFeatures], -1, 1);
    }

    private DatasetBatch Batch()
    {
        var features = Features().ToArray();
        var indices = Enumerable.Range(0, BatchSize).ToArray();
        return Task == ModelTask.Classification
            ? new DatasetBatch(indices, features, inputFeatures, [.. indices.Select(i => i % outputs)], null, 0)
            : new DatasetBatch(indices, features, inputFeatures, null, [.. Enumerable.Range(0, BatchSize * outputs).Select(i => Math.Sin(i))], outputs);
    }

    private static double Loss(IModel model, Tensor features, DatasetBatch batch) => model.Loss(model.Network.Forward(features), batch).Item();

    private static Dictionary<string, double[]> Weights(IModel model) =>
        model.Network.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Value.ToArray(), StringComparer.Ordinal);
}
