using Qml.Learning.Tensors;

namespace Qml.Learning.Losses;

/// <summary>Evaluation metrics (not differentiable).</summary>
public static class Metrics
{
    /// <summary>The fraction of rows of logits [N, C] whose largest entry is at the label.</summary>
    public static double Accuracy(Tensor logits, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int[] predicted = Ops.ArgMax(logits);
        if (predicted.Length != labels.Length || labels.Length == 0)
        {
            throw new ArgumentException($"Accuracy needs one label per row; got {predicted.Length} rows and {labels.Length} labels.", nameof(labels));
        }

        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }

        return (double)correct / labels.Length;
    }

    /// <summary>The fraction of scores on the same side of <paramref name="threshold"/> as their 0/1 (or ±1) targets.</summary>
    public static double BinaryAccuracy(Tensor scores, Tensor targets, double threshold = 0.0)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(targets);
        if (scores.Length != targets.Length || scores.Length == 0)
        {
            throw new ArgumentException($"BinaryAccuracy needs as many targets as scores; got {scores.Length} and {targets.Length}.", nameof(targets));
        }

        ReadOnlySpan<double> s = scores.Data, t = targets.Data;
        int correct = 0;
        for (int i = 0; i < s.Length; i++)
        {
            correct += (s[i] > threshold) == (t[i] > 0) ? 1 : 0;
        }

        return (double)correct / s.Length;
    }
}
