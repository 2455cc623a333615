namespace Qml.Learning.Schedules;

/// <summary>lr = base · γ^⌊epoch / stepSize⌋ (PyTorch's StepLR).</summary>
public sealed class StepDecay : ILearningRateSchedule
{
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

    public double BaseLearningRate { get; }

    public int StepSize { get; }

    public double Gamma { get; }

    public double LearningRateAt(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return BaseLearningRate * Math.Pow(Gamma, epoch / StepSize);
    }
}
