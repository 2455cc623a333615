using Qml.Learning.Autodiff;
using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Tensors;

namespace Qml.Learning.Training;

/// <summary>A model's loss, metrics and raw outputs [samples, outputs] on one dataset.</summary>
public sealed record Evaluation(double Loss, IReadOnlyDictionary<string, double> Metrics, Tensor Outputs)
{
    /// <summary>Runs <paramref name="model"/> in evaluation mode, without gradients, over all of <paramref name="data"/> as one batch.</summary>
    public static Evaluation Of(IModel model, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var batch = WholeBatch(data);
        var wasTraining = model.Network.IsTraining;
        model.Network.Eval();
        try
        {
            using var _ = new NoGradScope();
            var output = model.Network.Forward(Tensor.Wrap(batch.Features, batch.Size, batch.FeatureCount));
            return new Evaluation(model.Loss(output, batch).Item(), model.Metrics(output, batch), output);
        }
        finally
        {
            model.Network.Train(wasTraining);
        }
    }

    /// <summary>Every sample of <paramref name="data"/> in order, as one batch (shares the arrays).</summary>
    public static DatasetBatch WholeBatch(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new DatasetBatch([.. Enumerable.Range(0, data.SampleCount)], data.Features, data.FeatureCount, data.Labels, data.Targets, data.TargetWidth);
    }
}
