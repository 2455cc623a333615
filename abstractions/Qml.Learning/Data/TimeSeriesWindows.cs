using Qml.Abstractions;

namespace Qml.Learning.Data;

/// <summary>
/// Cuts a series into forecasting samples: each sample is a window of
/// <c>windowLength</c> consecutive steps (flattened to T·F features) and its target is the
/// next <c>horizon</c> steps, the shape QKAN-LSTM and LSTM baselines train on.
/// </summary>
public static class TimeSeriesWindows
{
    /// <summary>
    /// Windows of a row-major L × <c>stepFeatureCount</c> series (one row per time step), whose
    /// starts lie <c>stride</c> steps apart.
    /// </summary>
    public static Dataset Create(string name, ReadOnlySpan<double> series, int stepFeatureCount, int windowLength, int horizon, int stride = 1)
    {
        if (stepFeatureCount < 1 || series.Length % stepFeatureCount != 0)
        {
            throw new QmlException($"Series '{name}' of {series.Length} values does not form steps of {stepFeatureCount} features.");
        }

        if (windowLength < 1 || horizon < 1 || stride < 1)
        {
            throw new QmlException(
                $"Windows of series '{name}' with length {windowLength}, horizon {horizon} and stride {stride} are invalid: expected each ≥ 1.");
        }

        var steps = series.Length / stepFeatureCount;
        var span = windowLength + horizon;
        if (steps < span)
        {
            throw new QmlException(
                $"Series '{name}' has {steps} steps, fewer than one window of {windowLength} plus a horizon of {horizon}.");
        }

        var count = ((steps - span) / stride) + 1;
        var width = windowLength * stepFeatureCount;
        var targetWidth = horizon * stepFeatureCount;
        var features = new double[count * width];
        var targets = new double[count * targetWidth];
        for (var i = 0; i < count; i++)
        {
            var start = i * stride * stepFeatureCount;
            series.Slice(start, width).CopyTo(features.AsSpan(i * width, width));
            series.Slice(start + width, targetWidth).CopyTo(targets.AsSpan(i * targetWidth, targetWidth));
        }

        return Dataset.ForRegression(name, features, width, targets, targetWidth, sequenceLength: windowLength);
    }
}
