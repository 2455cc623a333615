using Qml.Abstractions;

namespace Qml.Learning.Data;

/// <summary>
/// N samples × F features as one row-major <see cref="Features"/> array, with either class
/// <see cref="Labels"/> (classification), a row-major N × <see cref="TargetWidth"/>
/// <see cref="Targets"/> table (regression, forecasting), or neither. A time-series window
/// dataset flattens each window to T·F features and records T in <see cref="SequenceLength"/>.
/// </summary>
/// <remarks>
/// A dataset is immutable by convention: every operation returns a new one, and the arrays are
/// shared without copying so a 60,000-image set is not duplicated by a relabel. Callers must not
/// write into <see cref="Features"/>, <see cref="Labels"/> or <see cref="Targets"/>.
/// </remarks>
public sealed class Dataset
{
    private Dataset(
        string name,
        double[] features,
        int featureCount,
        int[]? labels,
        int classCount,
        double[]? targets,
        int targetWidth,
        IReadOnlyList<string>? featureNames,
        IReadOnlyList<string>? classNames,
        int sequenceLength)
    {
        Name = name;
        Features = features;
        FeatureCount = featureCount;
        SampleCount = featureCount == 0 ? 0 : features.Length / featureCount;
        Labels = labels;
        ClassCount = classCount;
        Targets = targets;
        TargetWidth = targetWidth;
        FeatureNames = featureNames;
        ClassNames = classNames;
        SequenceLength = sequenceLength;
    }

    /// <summary>Name shown in messages and reports (e.g. <c>iris</c>).</summary>
    public string Name { get; }

    /// <summary>Row-major N × F feature table.</summary>
    public double[] Features { get; }

    /// <summary>Samples N.</summary>
    public int SampleCount { get; }

    /// <summary>Features F per sample (T · <see cref="StepFeatureCount"/> for a sequence dataset).</summary>
    public int FeatureCount { get; }

    /// <summary>Class index of each sample, in 0..<see cref="ClassCount"/>-1; null unless classification.</summary>
    public int[]? Labels { get; }

    /// <summary>Number of classes; 0 unless classification.</summary>
    public int ClassCount { get; }

    /// <summary>Row-major N × <see cref="TargetWidth"/> regression targets; null unless regression.</summary>
    public double[]? Targets { get; }

    /// <summary>Values per sample in <see cref="Targets"/> (the horizon for forecasting); 0 when none.</summary>
    public int TargetWidth { get; }

    /// <summary>Column names, one per feature; optional.</summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>Human names of the classes (e.g. "T-shirt/top"), indexed by label; optional.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Window length T of a time-series dataset (features are T·<see cref="StepFeatureCount"/>); 0 otherwise.</summary>
    public int SequenceLength { get; }

    /// <summary>Features per time step: F / T for a sequence dataset, else F.</summary>
    public int StepFeatureCount => SequenceLength == 0 ? FeatureCount : FeatureCount / SequenceLength;

    /// <summary>True when the dataset has class <see cref="Labels"/>.</summary>
    public bool IsClassification => Labels is not null;

    /// <summary>True when the dataset has regression <see cref="Targets"/>.</summary>
    public bool IsRegression => Targets is not null;

    /// <summary>The F features of sample <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..<see cref="SampleCount"/>-1.</exception>
    public ReadOnlySpan<double> Row(int index) => Features.AsSpan(RowStart(index), FeatureCount);

    /// <summary>The <see cref="TargetWidth"/> targets of sample <paramref name="index"/>.</summary>
    /// <exception cref="InvalidOperationException">The dataset has no targets.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..<see cref="SampleCount"/>-1.</exception>
    public ReadOnlySpan<double> TargetRow(int index)
    {
        if (Targets is null)
        {
            throw new InvalidOperationException($"Dataset '{Name}' has no regression targets.");
        }

        RowStart(index);
        return Targets.AsSpan(index * TargetWidth, TargetWidth);
    }

    /// <summary>A classification dataset over <paramref name="features"/> and <paramref name="labels"/> (arrays shared, not copied).</summary>
    /// <param name="name">Name for messages.</param>
    /// <param name="features">Row-major N × <paramref name="featureCount"/> values.</param>
    /// <param name="featureCount">Features per sample, ≥ 1.</param>
    /// <param name="labels">N class indices in 0..<paramref name="classCount"/>-1.</param>
    /// <param name="classCount">Number of classes, ≥ 1.</param>
    /// <param name="featureNames">Optional names, one per feature.</param>
    /// <param name="classNames">Optional names, one per class.</param>
    /// <param name="sequenceLength">Window length T for a time-series dataset, else 0.</param>
    /// <exception cref="ArgumentNullException">An array or the name is null.</exception>
    /// <exception cref="QmlException">The feature count is &lt; 1 or does not divide the features' length, the feature names
    /// do not number one per feature, or <paramref name="sequenceLength"/> is negative or does not divide the feature count.</exception>
    /// <exception cref="QmlException">Also: the label count is not N, a label is out of range, or the class names do not number one per class.</exception>
    public static Dataset ForClassification(
        string name,
        double[] features,
        int featureCount,
        int[] labels,
        int classCount,
        IReadOnlyList<string>? featureNames = null,
        IReadOnlyList<string>? classNames = null,
        int sequenceLength = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var dataset = Validate(name, features, featureCount, featureNames, sequenceLength);
        if (labels.Length != dataset)
        {
            throw new QmlException($"Dataset '{name}': {labels.Length} labels for {dataset} samples; expected one label per sample.");
        }

        if (classCount < 1)
        {
            throw new QmlException($"Dataset '{name}': class count {classCount} is invalid; expected at least 1.");
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new QmlException($"Dataset '{name}': label {labels[i]} of sample {i} is outside 0..{classCount - 1}.");
            }
        }

        if (classNames is not null && classNames.Count != classCount)
        {
            throw new QmlException($"Dataset '{name}': {classNames.Count} class names for {classCount} classes.");
        }

        return new Dataset(name, features, featureCount, labels, classCount, null, 0, featureNames, classNames, sequenceLength);
    }

    /// <summary>A regression (or forecasting) dataset over <paramref name="features"/> and <paramref name="targets"/> (shared, not copied).</summary>
    /// <param name="name">Name for messages.</param>
    /// <param name="features">Row-major N × <paramref name="featureCount"/> values.</param>
    /// <param name="featureCount">Features per sample, ≥ 1.</param>
    /// <param name="targets">Row-major N × <paramref name="targetWidth"/> values.</param>
    /// <param name="targetWidth">Targets per sample, ≥ 1 (the horizon for forecasting).</param>
    /// <param name="featureNames">Optional names, one per feature.</param>
    /// <param name="sequenceLength">Window length T for a time-series dataset, else 0.</param>
    /// <exception cref="ArgumentNullException">An array or the name is null.</exception>
    /// <exception cref="QmlException">The feature count is &lt; 1 or does not divide the features' length, the feature names
    /// do not number one per feature, or <paramref name="sequenceLength"/> is negative or does not divide the feature count.</exception>
    /// <exception cref="QmlException">Also: the targets do not form N rows of <paramref name="targetWidth"/> ≥ 1.</exception>
    public static Dataset ForRegression(
        string name,
        double[] features,
        int featureCount,
        double[] targets,
        int targetWidth,
        IReadOnlyList<string>? featureNames = null,
        int sequenceLength = 0)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var samples = Validate(name, features, featureCount, featureNames, sequenceLength);
        if (targetWidth < 1 || targets.Length != (long)samples * targetWidth)
        {
            throw new QmlException(
                $"Dataset '{name}': {targets.Length} target values do not form {samples} rows of width {targetWidth}; expected width ≥ 1 and N·width values.");
        }

        return new Dataset(name, features, featureCount, null, 0, targets, targetWidth, featureNames, null, sequenceLength);
    }

    /// <summary>A dataset with features only (e.g. for transforms or prediction); <paramref name="features"/> is shared, not copied.</summary>
    /// <exception cref="ArgumentNullException">The features or the name is null.</exception>
    /// <exception cref="QmlException">The feature count is &lt; 1 or does not divide the length, or the names do not number one per feature.</exception>
    public static Dataset Unlabelled(string name, double[] features, int featureCount, IReadOnlyList<string>? featureNames = null)
    {
        Validate(name, features, featureCount, featureNames, 0);
        return new Dataset(name, features, featureCount, null, 0, null, 0, featureNames, null, 0);
    }

    /// <summary>The same samples, labels and targets with new features (what a transform produces).</summary>
    public Dataset WithFeatures(double[] features, int featureCount, IReadOnlyList<string>? featureNames = null, int sequenceLength = 0)
    {
        var samples = Validate(Name, features, featureCount, featureNames, sequenceLength);
        if (samples != SampleCount)
        {
            throw new QmlException($"Dataset '{Name}': new features hold {samples} samples; expected {SampleCount}.");
        }

        return new Dataset(Name, features, featureCount, Labels, ClassCount, Targets, TargetWidth, featureNames, ClassNames, sequenceLength);
    }

    /// <summary>The same features with new class labels (what a class filter produces).</summary>
    public Dataset WithLabels(int[] labels, int classCount, IReadOnlyList<string>? classNames = null) =>
        ForClassification(Name, Features, FeatureCount, labels, classCount, FeatureNames, classNames, SequenceLength);

    /// <summary>The same data under another name.</summary>
    public Dataset WithName(string name) =>
        new(name, Features, FeatureCount, Labels, ClassCount, Targets, TargetWidth, FeatureNames, ClassNames, SequenceLength);

    /// <summary>The samples at <paramref name="indices"/>, in that order (repeats allowed).</summary>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        var features = new double[indices.Length * FeatureCount];
        var labels = Labels is null ? null : new int[indices.Length];
        var targets = Targets is null ? null : new double[indices.Length * TargetWidth];
        for (var i = 0; i < indices.Length; i++)
        {
            var source = indices[i];
            Row(source).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            if (labels is not null)
            {
                labels[i] = Labels![source];
            }

            if (targets is not null)
            {
                Targets.AsSpan(source * TargetWidth, TargetWidth).CopyTo(targets.AsSpan(i * TargetWidth, TargetWidth));
            }
        }

        return new Dataset(Name, features, FeatureCount, labels, ClassCount, targets, TargetWidth, FeatureNames, ClassNames, SequenceLength);
    }

    /// <summary>All samples in an order drawn from <paramref name="seed"/>.</summary>
    public Dataset Shuffle(int seed) => Subset(SeededShuffle.Permutation(SampleCount, seed));

    /// <summary>
    /// Train, validation and test parts (the test part gets the remainder). Classification
    /// splits are stratified: each class is divided in the same proportions, so a rare class
    /// is not missing from a part by chance.
    /// </summary>
    public DatasetSplit Split(double trainFraction, double validationFraction, int seed) =>
        DatasetSplitter.Split(this, trainFraction, validationFraction, seed);

    /// <summary>
    /// Train, validation and test parts in time order, for forecasting windows: overlapping
    /// windows shuffled across parts would leak test values into training.
    /// </summary>
    public DatasetSplit SplitChronologically(double trainFraction, double validationFraction) =>
        DatasetSplitter.SplitChronologically(this, trainFraction, validationFraction);

    /// <summary>Sample indices in batches of <paramref name="batchSize"/> (the last may be shorter).</summary>
    public IEnumerable<int[]> BatchIndices(int batchSize, bool shuffle, int seed)
    {
        if (batchSize < 1)
        {
            throw new QmlException($"Batch size {batchSize} is invalid for dataset '{Name}': expected at least 1.");
        }

        return Enumerate(SampleCount, batchSize, shuffle ? SeededShuffle.Permutation(SampleCount, seed) : null);

        static IEnumerable<int[]> Enumerate(int count, int batchSize, int[]? order)
        {
            for (var start = 0; start < count; start += batchSize)
            {
                var batch = new int[Math.Min(batchSize, count - start)];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = order is null ? start + i : order[start + i];
                }

                yield return batch;
            }
        }
    }

    /// <summary>Batches with their features, labels and targets copied into contiguous rows.</summary>
    public IEnumerable<DatasetBatch> Batches(int batchSize, bool shuffle, int seed) =>
        BatchIndices(batchSize, shuffle, seed).Select(indices =>
        {
            var part = Subset(indices.AsSpan());
            return new DatasetBatch(indices, part.Features, FeatureCount, part.Labels, part.Targets, TargetWidth);
        });

    /// <summary>A one-line summary, e.g. <c>iris: 150 × 4, 3 classes</c>.</summary>
    public override string ToString() =>
        $"{Name}: {SampleCount} × {FeatureCount}" +
        (IsClassification ? $", {ClassCount} classes" : IsRegression ? $", targets × {TargetWidth}" : string.Empty);

    private int RowStart(int index)
    {
        if ((uint)index >= (uint)SampleCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Dataset '{Name}' has samples 0..{SampleCount - 1}.");
        }

        return index * FeatureCount;
    }

    private static int Validate(string name, double[] features, int featureCount, IReadOnlyList<string>? featureNames, int sequenceLength)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        if (featureCount < 1 || features.Length % featureCount != 0)
        {
            throw new QmlException(
                $"Dataset '{name}': {features.Length} feature values do not form rows of {featureCount}; expected a feature count ≥ 1 dividing the length.");
        }

        if (featureNames is not null && featureNames.Count != featureCount)
        {
            throw new QmlException($"Dataset '{name}': {featureNames.Count} feature names for {featureCount} features.");
        }

        if (sequenceLength < 0 || (sequenceLength > 0 && featureCount % sequenceLength != 0))
        {
            throw new QmlException(
                $"Dataset '{name}': sequence length {sequenceLength} does not divide {featureCount} features; expected 0 or a divisor.");
        }

        return features.Length / featureCount;
    }
}
