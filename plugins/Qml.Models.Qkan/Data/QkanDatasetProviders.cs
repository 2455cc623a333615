using Qml.Learning.Data;

namespace Qml.Models.Qkan.Data;

/// <summary>Registered by the QKAN module: the regression targets of the QKAN paper and J_ν forecasting windows.</summary>
public sealed class BesselJ0ScaledProvider : IDatasetProvider
{
    private static readonly DatasetProvider Inner = new(
        new DatasetDescriptor("bessel-j0", "J0(20x) for x ~ U[low, high] (1 feature, 1 target)", DatasetTask.Regression, Options.Interval("0", "1")),
        o => FunctionDatasets.BesselJ0Scaled(o.GetInt("samples", 1000, 1), o.GetDouble("low", 0), o.GetDouble("high", 1), o.GetInt("seed", 0)));

    public string Name => Inner.Name;

    public DatasetDescriptor Describe() => Inner.Describe();

    public Dataset Load(DatasetOptions options) => Inner.Load(options);
}

public sealed class SphericalJ0Provider : IDatasetProvider
{
    private static readonly DatasetProvider Inner = new(
        new DatasetDescriptor("spherical-j0", "sin(20x)/(20x) for x ~ U[low, high] (the reference README's target)", DatasetTask.Regression, Options.Interval("0", "1")),
        o => FunctionDatasets.SphericalJ0(o.GetInt("samples", 1000, 1), o.GetDouble("low", 0), o.GetDouble("high", 1), o.GetInt("seed", 0)));

    public string Name => Inner.Name;

    public DatasetDescriptor Describe() => Inner.Describe();

    public Dataset Load(DatasetOptions options) => Inner.Load(options);
}

public sealed class ExpSinProvider : IDatasetProvider
{
    private static readonly DatasetProvider Inner = new(
        new DatasetDescriptor("exp-sin", "exp(sin(πx) + y²) for (x, y) ~ U[low, high]² (2 features, 1 target)", DatasetTask.Regression, Options.Interval("-1", "1")),
        o => FunctionDatasets.ExpSin(o.GetInt("samples", 1000, 1), o.GetDouble("low", -1), o.GetDouble("high", 1), o.GetInt("seed", 0)));

    public string Name => Inner.Name;

    public DatasetDescriptor Describe() => Inner.Describe();

    public Dataset Load(DatasetOptions options) => Inner.Load(options);
}

public sealed class BesselJnuProvider : IDatasetProvider
{
    private static readonly DatasetProvider Inner = new(
        new DatasetDescriptor(
            "bessel-jnu",
            "windows of J_ν(t) for next-value forecasting",
            DatasetTask.Forecasting,
            [
                new("nu", "order ν (integer ≥ 0)", "1"), new("samples", "number of windows", "200"), new("window", "window length T", "8"),
                new("horizon", "steps ahead to predict", "1"), new("step", "time between samples", "0.1"), new("start", "first time t", "0"),
            ]),
        o => BesselSeries.Windows(o.GetInt("nu", 1, 0, 50), o.GetInt("samples", 200, 1), o.GetInt("window", 8, 1), o.GetInt("horizon", 1, 1), o.GetDouble("step", 0.1, 0), o.GetDouble("start", 0)));

    public string Name => Inner.Name;

    public DatasetDescriptor Describe() => Inner.Describe();

    public Dataset Load(DatasetOptions options) => Inner.Load(options);
}

file static class Options
{
    public static DatasetOptionInfo[] Interval(string low, string high) =>
    [
        new("samples", "number of samples", "1000"),
        new("low", "lower end of the interval", low),
        new("high", "upper end of the interval", high),
        new("seed", "seed for sampling", "0"),
    ];
}
