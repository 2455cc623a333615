namespace Qml.Learning.Schedules;

/// <summary>
/// Optional linear warm-up to the base rate over <see cref="WarmupEpochs"/> (epoch e &lt; W gets
/// base·(e + 1)/W), then a half cosine from the base rate down to <see cref="MinLearningRate"/> at
/// <see cref="TotalEpochs"/> (and after).
/// </summary>
public sealed class CosineAnnealing : ILearningRateSchedule
{
    public CosineAnnealing(double baseLearningRate, int totalEpochs, double minLearningRate = 0.0, int warmupEpochs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalEpochs);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupEpochs);
        if (warmupEpochs >= totalEpochs)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupEpochs), $"Warm-up ({warmupEpochs} epochs) must end before the schedule ({totalEpochs} epochs).");
        }

        if (!(minLearningRate >= 0) || !(baseLearningRate >= minLearningRate) || !double.IsFinite(baseLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(minLearningRate), "CosineAnnealing needs 0 ≤ min ≤ base, finite.");
        }

        BaseLearningRate = baseLearningRate;
        TotalEpochs = totalEpochs;
        MinLearningRate = minLearningRate;
        WarmupEpochs = warmupEpochs;
    }

    public double BaseLearningRate { get; }

    public int TotalEpochs { get; }

    public double MinLearningRate { get; }

    public int WarmupEpochs { get; }

    public double LearningRateAt(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (epoch < WarmupEpochs)
        {
            return BaseLearningRate * (epoch + 1) / WarmupEpochs;
        }

        double progress = Math.Min(1.0, (double)(epoch - WarmupEpochs) / (TotalEpochs - WarmupEpochs));
        return MinLearningRate + ((BaseLearningRate - MinLearningRate) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
