namespace Qml.Learning.Schedules;

/// <summary>lr = base · γ^⌊epoch / stepSize⌋ (PyTorch's StepLR).</summary>
public sealed class StepDecay : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="baseLearningRate">Rate of the first <paramref name="stepSize"/> epochs, finite and ≥ 0.</param>
    /// <param name="stepSize">Epochs between decays, ≥ 1.</param>
    /// <param name="gamma">Factor applied at each decay, finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public StepDecay(double baseLearningRate, int stepSize, double gamma = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        if (!(baseLearningRate >= 0) || !(gamma > 0) || !double.IsFinite(baseLearningRate) || !double.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), "StepDecay needs a finite base rate ≥ 0 and γ > 0.");
        }

        BaseLearningRate = baseLearningRate;
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Rate of epochs 0..StepSize-1.</summary>
    public double BaseLearningRate { get; }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>Factor applied every <see cref="StepSize"/> epochs.</summary>
    public double Gamma { get; }

    /// <summary>base · γ^⌊epoch / stepSize⌋ for 0-based <paramref name="epoch"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    public double LearningRateAt(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return BaseLearningRate * Math.Pow(Gamma, epoch / StepSize);
    }
}
