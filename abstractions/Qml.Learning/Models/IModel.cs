using Qml.Learning.Data;
using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Models;

/// <summary>
/// A trainable model: a <see cref="Network"/> from features to outputs, the loss it trains on and
/// the metrics it reports. Gradients flow through classical and quantum parts alike, so any
/// optimizer in Qml.Learning can train it. <see cref="ModelBase"/> supplies the usual loss and metrics.
/// </summary>
public interface IModel
{
    /// <summary>What the model is (id, version, task, shapes, parameter count, options); the trainer adds the run's details.</summary>
    ModelCard Card { get; }

    /// <summary>Maps [batch, features] to [batch, outputs]: logits for classification, predictions for regression.</summary>
    Module Network { get; }

    /// <summary>The scalar training loss of <paramref name="output"/> (from <see cref="Network"/>) against the batch's labels or targets.</summary>
    Tensor Loss(Tensor output, DatasetBatch batch);

    /// <summary>Evaluation metrics by name ("accuracy"; "mse", "mae"); not differentiated.</summary>
    IReadOnlyDictionary<string, double> Metrics(Tensor output, DatasetBatch batch);
}
