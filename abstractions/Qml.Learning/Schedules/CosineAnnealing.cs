namespace Qml.Learning.Schedules;

/// <summary>
/// Optional linear warm-up to the base rate over <see cref="WarmupEpochs"/> (epoch e &lt; W gets
/// base·(e + 1)/W), then a half cosine from the base rate down to <see cref="MinLearningRate"/> at
/// <see cref="TotalEpochs"/> (and after).
/// </summary>
public sealed class CosineAnnealing : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="baseLearningRate">Peak rate, finite and ≥ <paramref name="minLearningRate"/>.</param>
    /// <param name="totalEpochs">Epoch at which the rate reaches the minimum, ≥ 1.</param>
    /// <param name="minLearningRate">Final rate, ≥ 0.</param>
    /// <param name="warmupEpochs">Warm-up epochs W, 0 ≤ W &lt; <paramref name="totalEpochs"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
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

    /// <summary>Peak rate, reached at the end of warm-up.</summary>
    public double BaseLearningRate { get; }

    /// <summary>Epoch from which the rate stays at <see cref="MinLearningRate"/>.</summary>
    public int TotalEpochs { get; }

    /// <summary>Final rate.</summary>
    public double MinLearningRate { get; }

    /// <summary>Epochs of linear warm-up (0: none).</summary>
    public int WarmupEpochs { get; }

    /// <summary>The rate for 0-based <paramref name="epoch"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
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
