using Qml.Abstractions;
using Qml.Learning.Data;

namespace Qml.Learning.Training;

/// <summary>
/// How raw data becomes what a model trains on, recorded in the model card so <c>qml eval</c>
/// and <c>qml predict</c> repeat it exactly: a train/validation/test split (stratified with
/// <see cref="SplitSeed"/>, or chronological for time-series windows) and a per-feature affine
/// scaling x′ = (x − offset) / scale fitted on the training part only.
/// </summary>
/// <param name="Scaling">"standardize" (mean 0, deviation 1), "minmax" (to [−1, 1]) or "none".</param>
/// <param name="Offsets">Per-feature offsets.</param>
/// <param name="Scales">Per-feature scales (never 0).</param>
/// <param name="TrainFraction">Share of samples for training.</param>
/// <param name="ValidationFraction">Share for validation; the test part gets the rest.</param>
/// <param name="SplitSeed">Seed of the stratified split.</param>
/// <param name="Chronological">Split in time order (forecasting windows) instead.</param>
public sealed record DataPreparation(
    string Scaling,
    double[] Offsets,
    double[] Scales,
    double TrainFraction,
    double ValidationFraction,
    int SplitSeed,
    bool Chronological)
{
    /// <summary>The valid <see cref="Scaling"/> spellings: z-score, min–max, or none.</summary>
    public static IReadOnlyList<string> ScalingNames { get; } = ["standardize", "minmax", "none"];

    /// <summary>Splits <paramref name="dataset"/>, fits the scaling on the training part and applies it to all three.</summary>
    public static (DatasetSplit Split, DataPreparation Preparation) Fit(
        Dataset dataset, int seed, string scaling = "standardize", double trainFraction = 0.6, double validationFraction = 0.2)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var kind = ScalingNames.FirstOrDefault(n => string.Equals(n, scaling, StringComparison.OrdinalIgnoreCase))
            ?? throw new QmlException($"unknown scaling '{scaling}'; valid: {string.Join(", ", ScalingNames)}.");
        var chronological = dataset.SequenceLength > 0 && !dataset.IsClassification;
        var raw = Split(dataset, trainFraction, validationFraction, seed, chronological);
        var (offsets, scales) = FitScaling(raw.Train, kind);
        var preparation = new DataPreparation(kind, offsets, scales, trainFraction, validationFraction, seed, chronological);
        return (preparation.Transform(raw), preparation);
    }

    /// <summary>Repeats the recorded split and scaling on the same raw dataset (what eval does).</summary>
    public DatasetSplit Apply(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        RequireFeatures(dataset.FeatureCount);
        return Transform(Split(dataset, TrainFraction, ValidationFraction, SplitSeed, Chronological));
    }

    /// <summary>Scales one raw row.</summary>
    public void TransformRow(ReadOnlySpan<double> row, Span<double> output)
    {
        RequireFeatures(row.Length);
        for (var i = 0; i < row.Length; i++)
        {
            output[i] = (row[i] - Offsets[i]) / Scales[i];
        }
    }

    /// <summary>Scales every row of <paramref name="dataset"/>.</summary>
    public Dataset Transform(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        RequireFeatures(dataset.FeatureCount);
        if (Scaling == "none")
        {
            return dataset;
        }

        var features = new double[dataset.Features.Length];
        for (var r = 0; r < dataset.SampleCount; r++)
        {
            TransformRow(dataset.Row(r), features.AsSpan(r * dataset.FeatureCount, dataset.FeatureCount));
        }

        return dataset.WithFeatures(features, dataset.FeatureCount, dataset.FeatureNames, dataset.SequenceLength);
    }

    private DatasetSplit Transform(DatasetSplit split) => new(Transform(split.Train), Transform(split.Validation), Transform(split.Test));

    private void RequireFeatures(int count)
    {
        if (count != Offsets.Length)
        {
            throw new QmlException($"the data has {count} features but the model was trained on {Offsets.Length}.");
        }
    }

    private static DatasetSplit Split(Dataset dataset, double train, double validation, int seed, bool chronological)
    {
        var split = chronological ? dataset.SplitChronologically(train, validation) : dataset.Split(train, validation, seed);
        if (split.Train.SampleCount == 0 || split.Validation.SampleCount == 0 || split.Test.SampleCount == 0)
        {
            throw new QmlException(
                $"dataset '{dataset.Name}' has {dataset.SampleCount} samples, too few for train/validation/test parts ({split.Train.SampleCount}/{split.Validation.SampleCount}/{split.Test.SampleCount}); ask for more samples.");
        }

        return split;
    }

    private static (double[] Offsets, double[] Scales) FitScaling(Dataset train, string kind)
    {
        var f = train.FeatureCount;
        var offsets = new double[f];
        var scales = new double[f];
        Array.Fill(scales, 1.0);
        if (kind == "none")
        {
            return (offsets, scales);
        }

        for (var j = 0; j < f; j++)
        {
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var r = 0; r < train.SampleCount; r++)
            {
                var v = train.Features[(r * f) + j];
                sum += v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            if (kind == "standardize")
            {
                var mean = sum / train.SampleCount;
                double squares = 0;
                for (var r = 0; r < train.SampleCount; r++)
                {
                    var d = train.Features[(r * f) + j] - mean;
                    squares += d * d;
                }

                var std = Math.Sqrt(squares / train.SampleCount);
                offsets[j] = mean;
                scales[j] = std > 1e-12 ? std : 1.0;
            }
            else
            {
                offsets[j] = (min + max) / 2;
                scales[j] = max - min > 1e-12 ? (max - min) / 2 : 1.0;
            }
        }

        return (offsets, scales);
    }
}
