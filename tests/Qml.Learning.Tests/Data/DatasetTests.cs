using Qml.Abstractions;
using Qml.Learning.Data;

namespace Qml.Learning.Tests.Data;

public sealed class DatasetTests
{
    private static Dataset Sample() => Dataset.ForClassification(
        "sample", [0, 1, 10, 11, 20, 21, 30, 31], 2, [0, 1, 1, 0], 2);

    [Test]
    public void RowsAreSlicesOfTheRowMajorTable()
    {
        var dataset = Sample();

        Assert.That(dataset.SampleCount, Is.EqualTo(4));
        Assert.That(dataset.Row(2).ToArray(), Is.EqualTo(new double[] { 20, 21 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.Row(4));
    }

    [Test]
    public void SubsetCopiesRowsAndLabelsInTheGivenOrder()
    {
        var subset = Sample().Subset([3, 0, 3]);

        Assert.That(subset.Features, Is.EqualTo(new double[] { 30, 31, 0, 1, 30, 31 }));
        Assert.That(subset.Labels, Is.EqualTo(new[] { 0, 0, 0 }));
        Assert.That(subset.ClassCount, Is.EqualTo(2));
    }

    [Test]
    public void LabelOutsideTheClassRangeIsRejectedWithItsSample()
    {
        var error = Assert.Throws<QmlException>(() => Dataset.ForClassification("bad", [0, 1], 1, [0, 2], 2));

        Assert.That(error!.Message, Does.Contain("label 2 of sample 1").And.Contain("0..1"));
    }

    [Test]
    public void FeatureLengthThatIsNotWholeRowsIsRejected()
    {
        var error = Assert.Throws<QmlException>(() => Dataset.Unlabelled("bad", [1, 2, 3], 2));

        Assert.That(error!.Message, Does.Contain("'bad'").And.Contain("rows of 2"));
    }

    [Test]
    public void ShuffleIsAPermutationFixedByTheSeed()
    {
        var dataset = Dataset.ForRegression("r", Enumerable.Range(0, 50).Select(i => (double)i).ToArray(), 1, Enumerable.Range(0, 50).Select(i => i * 2.0).ToArray(), 1);

        var first = dataset.Shuffle(7);
        var again = dataset.Shuffle(7);
        var other = dataset.Shuffle(8);

        Assert.That(first.Features, Is.EqualTo(again.Features));
        Assert.That(first.Features, Is.Not.EqualTo(other.Features));
        Assert.That(first.Features.Order(), Is.EqualTo(dataset.Features));
        for (var i = 0; i < first.SampleCount; i++)
        {
            Assert.That(first.TargetRow(i)[0], Is.EqualTo(2 * first.Row(i)[0]), "targets travel with their rows");
        }
    }

    [Test]
    public void BatchesCoverEverySampleOnceWithAShortLastBatch()
    {
        var dataset = Dataset.ForClassification("b", Enumerable.Range(0, 10).Select(i => (double)i).ToArray(), 1, Enumerable.Range(0, 10).Select(i => i % 3).ToArray(), 3);

        var batches = dataset.Batches(4, shuffle: true, seed: 1).ToList();

        Assert.That(batches.Select(b => b.Size), Is.EqualTo(new[] { 4, 4, 2 }));
        Assert.That(batches.SelectMany(b => b.Indices).Order(), Is.EqualTo(Enumerable.Range(0, 10)));
        foreach (var batch in batches)
        {
            for (var i = 0; i < batch.Size; i++)
            {
                Assert.That(batch.Row(i)[0], Is.EqualTo(batch.Indices[i]));
                Assert.That(batch.Labels![i], Is.EqualTo(batch.Indices[i] % 3));
            }
        }

        Assert.That(dataset.BatchIndices(4, shuffle: false, seed: 0).First(), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.Throws<QmlException>(() => dataset.BatchIndices(0, false, 0));
    }

    [Test]
    public void StratifiedSplitIsDisjointCompleteAndKeepsClassProportions()
    {
        // 90 samples of class 0, 30 of class 1; the feature is the sample's own index.
        var labels = Enumerable.Range(0, 120).Select(i => i < 90 ? 0 : 1).ToArray();
        var dataset = Dataset.ForClassification("s", Enumerable.Range(0, 120).Select(i => (double)i).ToArray(), 1, labels, 2);

        var split = dataset.Split(0.6, 0.2, seed: 3);

        var ids = new[] { split.Train, split.Validation, split.Test }.Select(p => p.Features.Select(f => (int)f).ToArray()).ToArray();
        Assert.That(ids.SelectMany(x => x).Order(), Is.EqualTo(Enumerable.Range(0, 120)), "every sample exactly once");
        Assert.That(split.Train.Labels!.Count(l => l == 1), Is.EqualTo(18));
        Assert.That(split.Train.Labels!.Count(l => l == 0), Is.EqualTo(54));
        Assert.That(split.Validation.Labels!.Count(l => l == 1), Is.EqualTo(6));
        Assert.That(split.Test.Labels!.Count(l => l == 1), Is.EqualTo(6));
        for (var i = 0; i < split.Train.SampleCount; i++)
        {
            Assert.That(split.Train.Labels![i], Is.EqualTo(labels[ids[0][i]]), "labels travel with their rows");
        }

        Assert.That(dataset.Split(0.6, 0.2, seed: 3).Train.Features, Is.EqualTo(split.Train.Features), "same seed, same split");
        Assert.That(dataset.Split(0.6, 0.2, seed: 4).Train.Features, Is.Not.EqualTo(split.Train.Features));
    }

    [Test]
    public void SplitRejectsFractionsThatDoNotFit()
    {
        var error = Assert.Throws<QmlException>(() => Sample().Split(0.8, 0.3, 0));

        Assert.That(error!.Message, Does.Contain("train + validation ≤ 1"));
    }

    [Test]
    public void ChronologicalSplitKeepsTimeOrder()
    {
        var series = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
        var windows = TimeSeriesWindows.Create("t", series, 1, windowLength: 3, horizon: 2);

        var split = windows.SplitChronologically(0.5, 0.25);

        Assert.That(windows.SampleCount, Is.EqualTo(16));
        Assert.That(split.Train.SampleCount + split.Validation.SampleCount + split.Test.SampleCount, Is.EqualTo(16));
        Assert.That(split.Train.Row(split.Train.SampleCount - 1)[0], Is.LessThan(split.Validation.Row(0)[0]));
        Assert.That(split.Validation.Row(split.Validation.SampleCount - 1)[0], Is.LessThan(split.Test.Row(0)[0]));
    }

    [Test]
    public void WindowsHoldTStepsAndTheNextHorizonSteps()
    {
        // Two features per step: (i, -i).
        var series = Enumerable.Range(0, 10).SelectMany(i => new double[] { i, -i }).ToArray();

        var windows = TimeSeriesWindows.Create("w", series, 2, windowLength: 4, horizon: 2, stride: 2);

        Assert.That(windows.SequenceLength, Is.EqualTo(4));
        Assert.That(windows.StepFeatureCount, Is.EqualTo(2));
        Assert.That(windows.SampleCount, Is.EqualTo(3)); // starts 0, 2, 4; start 6 would need step 11
        Assert.That(windows.Row(1).ToArray(), Is.EqualTo(new double[] { 2, -2, 3, -3, 4, -4, 5, -5 }));
        Assert.That(windows.TargetRow(1).ToArray(), Is.EqualTo(new double[] { 6, -6, 7, -7 }));
        Assert.Throws<QmlException>(() => TimeSeriesWindows.Create("short", [1, 2, 3], 1, 3, 1));
    }
}
