using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Tensors;
using Qml.Learning.Tests.Training;

namespace Qml.Learning.Tests.Models;

public sealed class ModelContractTests
{
    [Test]
    public void Model_options_parse_and_validate_naming_the_key()
    {
        var options = ModelOptions.Parse(["qubits=4", "Layers = 2", "scale=0.5"]);

        Assert.That(options.GetInt("qubits", 1, 1, 20), Is.EqualTo(4));
        Assert.That(options.GetInt("layers", 1), Is.EqualTo(2));
        Assert.That(options.GetDouble("scale", 1), Is.EqualTo(0.5));
        Assert.That(options.ToDictionary().Keys, Is.EqualTo(new[] { "Layers", "qubits", "scale" }));
        Assert.That(Assert.Throws<QmlException>(() => options.GetInt("qubits", 1, 1, 3))!.Message, Does.Contain("qubits=4").And.Contain("1..3"));
        Assert.That(Assert.Throws<QmlException>(() => ModelOptions.Parse(["qubits"]))!.Message, Does.Contain("key=value"));
        Assert.That(
            Assert.Throws<QmlException>(() => options.RequireKnown("hybrid", [new ModelOptionInfo("qubits", "", "4")]))!.Message,
            Does.Contain("Model 'hybrid' has no option").And.Contain("valid: qubits"));
    }

    [Test]
    public void The_model_card_round_trips_through_json()
    {
        var card = new ModelCard
        {
            ModelId = "hybrid", Task = ModelTask.Classification, InputFeatures = 2, Outputs = 2, ParameterCount = 42,
            Options = new Dictionary<string, string> { ["qubits"] = "4" }, Dataset = "moons", Seed = 3, Epoch = 5,
            Metrics = new Dictionary<string, double> { ["test_accuracy"] = 0.975 }, Created = DateTimeOffset.UnixEpoch,
        };

        var json = card.ToJson();
        var back = ModelCard.FromJson(json, "model.json");

        Assert.That(json, Does.Contain("\"modelId\": \"hybrid\"").And.Contain("\"task\": \"classification\""));
        Assert.That(back.ToJson(), Is.EqualTo(json));
        Assert.That(back.Metrics["test_accuracy"], Is.EqualTo(0.975));
    }

    [Test]
    public void A_card_with_a_diverged_metric_still_serialises()
    {
        var card = new ModelCard
        {
            ModelId = "m", Task = ModelTask.Regression, InputFeatures = 1, Outputs = 1,
            Metrics = new Dictionary<string, double> { ["val_loss"] = double.NaN, ["train_loss"] = double.PositiveInfinity },
        };

        var back = ModelCard.FromJson(card.ToJson(), "model.json");

        Assert.That(back.Metrics["val_loss"], Is.NaN);
        Assert.That(back.Metrics["train_loss"], Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Model_base_scores_classification_by_accuracy_and_regression_by_mse_and_mae()
    {
        var classifier = new TinyMlp(2, 2, ModelTask.Classification, 1);
        var regressor = new TinyMlp(2, 1, ModelTask.Regression, 1);
        var logits = Tensor.FromMatrix(new double[,] { { 2, 0 }, { 0, 1 }, { 3, 1 } });
        var labelled = new DatasetBatch([0, 1, 2], new double[6], 2, [0, 1, 1], null, 0);
        var predictions = Tensor.FromMatrix(new double[,] { { 1 }, { 3 } });
        var targets = new DatasetBatch([0, 1], new double[4], 2, null, [0, 1], 1);

        Assert.That(classifier.Metrics(logits, labelled)["accuracy"], Is.EqualTo(2.0 / 3));
        Assert.That(regressor.Metrics(predictions, targets)["mse"], Is.EqualTo(2.5));
        Assert.That(regressor.Metrics(predictions, targets)["mae"], Is.EqualTo(1.5));
        Assert.That(regressor.Loss(predictions, targets).Item(), Is.EqualTo(2.5));
        Assert.That(Assert.Throws<QmlException>(() => regressor.Loss(predictions, labelled with { Indices = [0, 1] }))!.Message, Does.Contain("regression dataset"));
    }

    [Test]
    public void Factories_and_providers_register_once_each()
    {
        var services = new ServiceCollection().AddModelFactory<TinyMlpFactory>().AddModelFactory<TinyMlpFactory>().AddDatasetProvider<MoonsProvider>();

        Assert.That(services.Select(d => (d.ServiceType.Name, d.ImplementationType?.Name, d.Lifetime)), Is.EqualTo(new[]
        {
            ("IModelFactory", (string?)"TinyMlpFactory", ServiceLifetime.Singleton),
            ("IDatasetProvider", "MoonsProvider", ServiceLifetime.Singleton),
        }));
    }

    private sealed class TinyMlpFactory : IModelFactory
    {
        public string Name => "tiny-mlp";

        public ModelDescriptor Describe() => new("tiny-mlp", "a tiny MLP for registration tests", ModelTask.Classification, [], "moons");

        public IModel Create(ModelOptions options, ModelContext context) => new TinyMlp(context.InputFeatures, context.Outputs, context.Task, context.Seed);
    }

    private sealed class MoonsProvider : IDatasetProvider
    {
        public string Name => "moons-copy";

        public DatasetDescriptor Describe() => new("moons-copy", "the built-in moons, registered again", DatasetTask.Classification, []);

        public Dataset Load(DatasetOptions options) => BuiltInDatasets.Load("moons");
    }
}
