namespace Qml.Learning.Data.Preprocessing;

/// <summary>Small balanced subsets for quick quantum experiments, where every sample costs circuit runs.</summary>
public static class BalancedSubset
{
    /// <summary>The first <c>countPerClass</c> samples of each class, in dataset order.</summary>
    public static Dataset TakeFirstPerClass(Dataset dataset, int countPerClass)
    {
        var labels = dataset.Labels ?? throw new Qml.Abstractions.QmlException($"A balanced subset needs class labels; dataset '{dataset.Name}' has none.");
        if (countPerClass < 1)
        {
            throw new Qml.Abstractions.QmlException($"Balanced subset of {countPerClass} per class is invalid; expected at least 1.");
        }

        var taken = new int[dataset.ClassCount];
        var kept = new List<int>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (taken[labels[i]] < countPerClass)
            {
                taken[labels[i]]++;
                kept.Add(i);
            }
        }

        var lacking = Enumerable.Range(0, taken.Length).Where(c => taken[c] < countPerClass).ToArray();
        if (lacking.Length > 0)
        {
            throw new Qml.Abstractions.QmlException(
                $"Dataset '{dataset.Name}' has fewer than {countPerClass} samples of class " +
                string.Join(", ", lacking.Select(c => $"{c} ({taken[c]})")) + "; expected at least that many of every class (filter classes first).");
        }

        return dataset.Subset(kept.ToArray());
    }
}
