using Qml.Abstractions;
using Qml.Learning.Data;
using Qml.Learning.Data.Preprocessing;

namespace Qml.Learning.Tests.Data.Preprocessing;

public sealed class SampleSelectionTests
{
    [Test]
    public void DownsamplingAveragesBlocks()
    {
        // 4×4 image with pixel (y, x) = 4y + x; 2×2 blocks average to their centre value.
        var image = Enumerable.Range(0, 16).Select(i => (double)i).ToArray();

        var small = new ImageDownsampler(4, 4, 2, 2).Transform(Dataset.Unlabelled("img", image, 16));

        Assert.That(small.Features, Is.EqualTo(new[] { 2.5, 4.5, 10.5, 12.5 }));
    }

    [Test]
    public void NonIntegerRatiosWeightPartlyCoveredPixels()
    {
        // 3 columns to 2: output 0 covers column 0 and half of column 1.
        var down = new ImageDownsampler(1, 3, 1, 2);
        var output = new double[2];

        down.TransformRow([3, 6, 9], output);

        Assert.That(output, Is.EqualTo(new[] { (3 + 3.0) / 1.5, (3 + 9.0) / 1.5 }).Within(1e-15));

        // 28×28 → 8×8 keeps the mean brightness of any image.
        var random = new Random(3);
        var image = Enumerable.Range(0, 784).Select(_ => random.NextDouble()).ToArray();
        var eight = new double[64];
        new ImageDownsampler(28, 28, 8, 8).TransformRow(image, eight);
        Assert.That(eight.Average(), Is.EqualTo(image.Average()).Within(1e-12));
        Assert.Throws<QmlException>(() => _ = new ImageDownsampler(4, 4, 5, 4));
    }

    [Test]
    public void ClassFilterKeepsThreesAndSixesAsZeroAndOne()
    {
        var labels = new[] { 3, 1, 6, 6, 3, 9 };
        var digits = Dataset.ForClassification("digits", labels.Select(l => (double)l).ToArray(), 1, labels, 10);

        var filtered = new ClassFilter(3, 6).Apply(digits);

        Assert.That(filtered.Features, Is.EqualTo(new double[] { 3, 6, 6, 3 }));
        Assert.That(filtered.Labels, Is.EqualTo(new[] { 0, 1, 1, 0 }));
        Assert.That(filtered.ClassCount, Is.EqualTo(2));
        Assert.That(filtered.ClassNames, Is.EqualTo(new[] { "3", "6" }));
        Assert.That(Assert.Throws<QmlException>(() => new ClassFilter(3, 12).Apply(digits))!.Message, Does.Contain("no class 12"));
    }

    [Test]
    public void TakeFirstPerClassGivesABalancedSubsetInOrder()
    {
        var labels = new[] { 0, 0, 1, 0, 1, 1, 1 };
        var data = Dataset.ForClassification("d", Enumerable.Range(0, 7).Select(i => (double)i).ToArray(), 1, labels, 2);

        var subset = BalancedSubset.TakeFirstPerClass(data, 2);

        Assert.That(subset.Features, Is.EqualTo(new double[] { 0, 1, 2, 4 }));
        Assert.That(Assert.Throws<QmlException>(() => BalancedSubset.TakeFirstPerClass(data, 4))!.Message, Does.Contain("class 0 (3)"));
    }

    [Test]
    public void FashionMnistPipelineGivesSmallBalancedAngleFeatures()
    {
        // The real pipeline a QML experiment uses: 2 classes, 8×8 pixels, PCA to 4, angles in [0, π].
        var train = Qml.Learning.Data.Loaders.FashionMnist.Load(train: true, limit: 2000);

        var pair = BalancedSubset.TakeFirstPerClass(new ClassFilter(0, 1).Apply(train), 100);
        var small = new ImageDownsampler(28, 28, 8, 8).Transform(pair);
        var pca = Pca.Fit(small, 4);
        var angles = MinMaxScaler.Fit(pca.Transform(small), 0, Math.PI).Transform(pca.Transform(small));

        Assert.That((angles.SampleCount, angles.FeatureCount, angles.ClassCount), Is.EqualTo((200, 4, 2)));
        Assert.That(angles.Features, Is.All.InRange(0.0, Math.PI));
        Assert.That(angles.ClassNames, Is.EqualTo(new[] { "T-shirt/top", "Trouser" }));
    }
}
