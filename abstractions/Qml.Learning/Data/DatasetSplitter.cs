using Qml.Abstractions;

namespace Qml.Learning.Data;

/// <summary>The splitting rules behind <see cref="Dataset.Split"/> and <see cref="Dataset.SplitChronologically"/>.</summary>
internal static class DatasetSplitter
{
    public static DatasetSplit Split(Dataset dataset, double trainFraction, double validationFraction, int seed)
    {
        ValidateFractions(dataset, trainFraction, validationFraction);
        var random = new Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        foreach (var group in Groups(dataset))
        {
            SeededShuffle.Shuffle(group.AsSpan(), random);
            var trainCount = (int)Math.Round(group.Length * trainFraction, MidpointRounding.AwayFromZero);
            var validationCount = Math.Min(
                group.Length - trainCount,
                (int)Math.Round(group.Length * validationFraction, MidpointRounding.AwayFromZero));
            train.AddRange(group.AsSpan(0, trainCount));
            validation.AddRange(group.AsSpan(trainCount, validationCount));
            test.AddRange(group.AsSpan(trainCount + validationCount));
        }

        // Groups are concatenated class by class; shuffle so batches in order are not one class.
        return new DatasetSplit(Part(dataset, train, random), Part(dataset, validation, random), Part(dataset, test, random));
    }

    public static DatasetSplit SplitChronologically(Dataset dataset, double trainFraction, double validationFraction)
    {
        ValidateFractions(dataset, trainFraction, validationFraction);
        var n = dataset.SampleCount;
        var trainCount = (int)Math.Round(n * trainFraction, MidpointRounding.AwayFromZero);
        var validationCount = Math.Min(n - trainCount, (int)Math.Round(n * validationFraction, MidpointRounding.AwayFromZero));
        return new DatasetSplit(
            dataset.Subset(Enumerable.Range(0, trainCount).ToArray()),
            dataset.Subset(Enumerable.Range(trainCount, validationCount).ToArray()),
            dataset.Subset(Enumerable.Range(trainCount + validationCount, n - trainCount - validationCount).ToArray()));
    }

    private static IEnumerable<int[]> Groups(Dataset dataset)
    {
        if (dataset.Labels is not { } labels)
        {
            yield return Enumerable.Range(0, dataset.SampleCount).ToArray();
            yield break;
        }

        var byClass = new List<int>[dataset.ClassCount];
        for (var c = 0; c < byClass.Length; c++)
        {
            byClass[c] = [];
        }

        for (var i = 0; i < labels.Length; i++)
        {
            byClass[labels[i]].Add(i);
        }

        foreach (var group in byClass)
        {
            yield return group.ToArray();
        }
    }

    private static Dataset Part(Dataset dataset, List<int> indices, Random random)
    {
        var array = indices.ToArray();
        SeededShuffle.Shuffle(array.AsSpan(), random);
        return dataset.Subset(array);
    }

    private static void ValidateFractions(Dataset dataset, double trainFraction, double validationFraction)
    {
        if (!(trainFraction > 0 && trainFraction <= 1) || !(validationFraction >= 0) || !(trainFraction + validationFraction <= 1))
        {
            throw new QmlException(
                $"Split of dataset '{dataset.Name}' with train fraction {trainFraction} and validation fraction {validationFraction} is invalid: " +
                "expected 0 < train ≤ 1, validation ≥ 0 and train + validation ≤ 1 (the test part gets the rest).");
        }
    }
}
