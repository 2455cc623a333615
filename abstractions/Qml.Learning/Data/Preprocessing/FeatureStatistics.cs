namespace Qml.Learning.Data.Preprocessing;

/// <summary>Per-feature sums shared by the fitting code.</summary>
internal static class FeatureStatistics
{
    public static double[] Means(Dataset data)
    {
        RequireSamples(data, 1);
        var means = new double[data.FeatureCount];
        for (var i = 0; i < data.SampleCount; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(means, data.Row(i), means);
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(means, data.SampleCount, means);
        return means;
    }

    public static void RequireSamples(Dataset data, int minimum)
    {
        if (data.SampleCount < minimum)
        {
            throw new Qml.Abstractions.QmlException(
                $"Cannot fit on dataset '{data.Name}' with {data.SampleCount} samples; expected at least {minimum}.");
        }
    }

    public static void RequireLength(string owner, string what, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new Qml.Abstractions.QmlException($"{owner}: {what} has {actual} values; expected {expected}.");
        }
    }
}
