using Qml.Learning.Optimizers;

namespace Qml.Learning.Schedules;

/// <summary>
/// A learning rate as a pure function of the (0-based) epoch, so a resumed run needs no schedule
/// state: it asks for the rate of the epoch it resumes at.
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>The rate for 0-based <paramref name="epoch"/>; the same epoch always gives the same rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    double LearningRateAt(int epoch);
}

/// <summary>Applies schedules to optimizers.</summary>
public static class LearningRateScheduleExtensions
{
    /// <summary>Sets <paramref name="optimizer"/>'s learning rate for <paramref name="epoch"/>; call at the start of each epoch.</summary>
    public static double Apply(this ILearningRateSchedule schedule, IOptimizer optimizer, int epoch)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(optimizer);
        double lr = schedule.LearningRateAt(epoch);
        optimizer.LearningRate = lr;
        return lr;
    }
}
