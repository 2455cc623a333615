namespace Qml.Learning.Data.Preprocessing;

/// <summary>
/// Keeps the samples of the listed classes and relabels them by their position in the list:
/// classes [3, 6] turn digit 3 into label 0 and digit 6 into label 1.
/// </summary>
public sealed class ClassFilter(params int[] classes)
{
    /// <summary>The kept classes in new-label order: <c>Classes[i]</c> becomes label i.</summary>
    /// <exception cref="Qml.Abstractions.QmlException">On construction: the list is empty or repeats a class.</exception>
    public IReadOnlyList<int> Classes { get; } = classes.Length > 0 && classes.Distinct().Count() == classes.Length
        ? classes
        : throw new Qml.Abstractions.QmlException($"Class filter [{string.Join(", ", classes)}] is invalid; expected at least one class, each listed once.");

    /// <summary>The samples of <see cref="Classes"/> in their original order, relabelled, with class names carried over (or the old indices as names).</summary>
    /// <exception cref="Qml.Abstractions.QmlException">The dataset has no labels, or lacks one of the classes.</exception>
    public Dataset Apply(Dataset dataset)
    {
        var labels = dataset.Labels ?? throw new Qml.Abstractions.QmlException($"Class filter needs class labels; dataset '{dataset.Name}' has none.");
        var missing = Classes.Where(c => c < 0 || c >= dataset.ClassCount).ToArray();
        if (missing.Length > 0)
        {
            throw new Qml.Abstractions.QmlException(
                $"Class filter: dataset '{dataset.Name}' has no class {string.Join(", ", missing)}; expected classes in 0..{dataset.ClassCount - 1}.");
        }

        var newLabel = new int[dataset.ClassCount];
        Array.Fill(newLabel, -1);
        for (var i = 0; i < Classes.Count; i++)
        {
            newLabel[Classes[i]] = i;
        }

        var kept = Enumerable.Range(0, dataset.SampleCount).Where(i => newLabel[labels[i]] >= 0).ToArray();
        var subset = dataset.Subset(kept);
        var relabelled = kept.Select(i => newLabel[labels[i]]).ToArray();
        var names = dataset.ClassNames is { } all ? Classes.Select(c => all[c]).ToArray() : Classes.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return subset.WithLabels(relabelled, Classes.Count, names);
    }
}
