using Qml.Abstractions;
using Qml.Learning.Data;
using Qml.Learning.Layers;
using Qml.Learning.Losses;
using Qml.Learning.Tensors;

namespace Qml.Learning.Models;

/// <summary>
/// The usual model: cross-entropy and accuracy for classification, mean squared error with MSE
/// and MAE for regression. Subclasses build <see cref="Network"/> and describe themselves.
/// </summary>
public abstract class ModelBase : IModel
{
    /// <summary>The metric names <see cref="Metrics"/> reports for each task; the first is the headline metric.</summary>
    public static IReadOnlyList<string> MetricNames(ModelTask task) => task == ModelTask.Classification ? ["accuracy"] : ["mse", "mae"];

    /// <inheritdoc/>
    public abstract ModelCard Card { get; }

    /// <inheritdoc/>
    public abstract Module Network { get; }

    /// <summary>Mean cross-entropy of logits [B, classes] against the labels (classification), or mean squared error against the targets (regression).</summary>
    /// <exception cref="QmlException">The batch lacks the labels or targets the task needs, or the output and target counts differ.</exception>
    public virtual Tensor Loss(Tensor output, DatasetBatch batch)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(batch);
        return Card.Task == ModelTask.Classification
            ? Losses.Loss.CrossEntropy(output, Labels(batch))
            : Losses.Loss.MeanSquaredError(output, Targets(output, batch));
    }

    /// <summary><c>accuracy</c> (classification; argmax of the logits) or <c>mse</c> and <c>mae</c> (regression) of this batch.</summary>
    /// <exception cref="QmlException">The batch lacks the labels or targets the task needs, or the output and target counts differ.</exception>
    public virtual IReadOnlyDictionary<string, double> Metrics(Tensor output, DatasetBatch batch)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(batch);
        if (Card.Task == ModelTask.Classification)
        {
            return new Dictionary<string, double>(StringComparer.Ordinal) { ["accuracy"] = Losses.Metrics.Accuracy(output, Labels(batch)) };
        }

        var targets = Targets(output, batch).Data;
        var predictions = output.Data;
        double squared = 0, absolute = 0;
        for (var i = 0; i < predictions.Length; i++)
        {
            var error = predictions[i] - targets[i];
            squared += error * error;
            absolute += Math.Abs(error);
        }

        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["mse"] = squared / predictions.Length,
            ["mae"] = absolute / predictions.Length,
        };
    }

    private int[] Labels(DatasetBatch batch) =>
        batch.Labels ?? throw new QmlException($"model '{Card.ModelId}' is a classifier but the batch has no labels; choose a classification dataset.");

    private Tensor Targets(Tensor output, DatasetBatch batch)
    {
        var targets = batch.Targets ?? throw new QmlException($"model '{Card.ModelId}' is a regressor but the batch has no targets; choose a regression dataset.");
        if (targets.Length != output.Length)
        {
            throw new QmlException($"model '{Card.ModelId}' predicts {output.Length} values for {batch.Size} samples but the batch has {targets.Length} targets.");
        }

        return Tensor.FromArray(output.Shape, targets);
    }
}
