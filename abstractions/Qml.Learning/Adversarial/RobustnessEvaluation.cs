using Qml.Learning.Data;
using Qml.Learning.Models;
using Qml.Learning.Training;

namespace Qml.Learning.Adversarial;

/// <summary>A model's loss and metrics on clean data and on the same data after an attack.</summary>
public sealed record RobustnessEvaluation(AttackOptions Attack, int Samples, Evaluation Clean, Evaluation Adversarial)
{
    /// <summary>
    /// Attacks every sample of <paramref name="data"/> (in batches of <paramref name="batchSize"/>;
    /// each sample's perturbation depends only on itself, so the batching does not change it)
    /// with the network in evaluation mode, then evaluates clean and adversarial data.
    /// </summary>
    public static RobustnessEvaluation Of(IModel model, Dataset data, AttackOptions attack, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(attack);
        attack.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var wasTraining = model.Network.IsTraining;
        model.Network.Eval();
        var adversarial = new double[data.Features.Length];
        try
        {
            foreach (var batch in data.Batches(batchSize, shuffle: false, seed: 0))
            {
                var rows = Attacks.Perturb(model, batch, attack);
                for (var b = 0; b < batch.Size; b++)
                {
                    rows.AsSpan(b * data.FeatureCount, data.FeatureCount).CopyTo(adversarial.AsSpan(batch.Indices[b] * data.FeatureCount));
                }
            }
        }
        finally
        {
            model.Network.Train(wasTraining);
        }

        var attacked = data.WithFeatures(adversarial, data.FeatureCount, data.FeatureNames, data.SequenceLength);
        return new RobustnessEvaluation(attack, data.SampleCount, Evaluation.Of(model, data), Evaluation.Of(model, attacked));
    }
}
