using Qml.Learning.Data;
using Qml.Learning.Data.Preprocessing;

namespace Qml.Learning.Tests.Data.Preprocessing;

public sealed class ScalingTests
{
    private static readonly Dataset Train = Dataset.ForClassification("train", [1, 10, 3, 10, 5, 10, 7, 10], 2, [0, 1, 0, 1], 2, ["a", "b"]);

    [Test]
    public void StandardizerUsesTrainingMeanAndPopulationDeviation()
    {
        var standardizer = Standardizer.Fit(Train);

        Assert.That(standardizer.Means, Is.EqualTo(new double[] { 4, 10 }));
        Assert.That(standardizer.StandardDeviations[0], Is.EqualTo(Math.Sqrt(5)).Within(1e-15));
        Assert.That(standardizer.StandardDeviations[1], Is.EqualTo(1), "a constant feature keeps scale 1");

        var test = Dataset.ForClassification("test", [4 + Math.Sqrt(5), 12], 2, [1], 2, ["a", "b"]);
        var transformed = standardizer.Transform(test);
        Assert.That(transformed.Features[0], Is.EqualTo(1).Within(1e-15));
        Assert.That(transformed.Features[1], Is.EqualTo(2));
        Assert.That(transformed.Labels, Is.EqualTo(new[] { 1 }));
        Assert.That(transformed.FeatureNames, Is.EqualTo(new[] { "a", "b" }));

        var trainScaled = standardizer.Transform(Train);
        Assert.That(Enumerable.Range(0, 4).Select(i => trainScaled.Row(i)[0]).Average(), Is.EqualTo(0).Within(1e-15));
    }

    [Test]
    public void MinMaxMapsTheTrainingRangeOntoAnglesAndClipsOnRequest()
    {
        var scaler = MinMaxScaler.Fit(Train, 0, Math.PI);
        var clipped = MinMaxScaler.Fit(Train, 0, Math.PI, clip: true);
        var test = Dataset.Unlabelled("t", [4, 10, 9, 0], 2);

        var scaled = scaler.Transform(test);

        Assert.That((scaler.Minimums[0], scaler.Maximums[0]), Is.EqualTo((1.0, 7.0)));
        Assert.That(scaled.Features[0], Is.EqualTo(Math.PI / 2).Within(1e-15));
        Assert.That(scaled.Features[1], Is.Zero, "constant feature maps to the low end");
        Assert.That(scaled.Features[2], Is.EqualTo(Math.PI * 8 / 6).Within(1e-15), "outside the training range unless clipped");
        Assert.That(clipped.Transform(test).Features[2], Is.EqualTo(Math.PI));
    }

    [Test]
    public void TransformRejectsADatasetOfAnotherWidth()
    {
        var error = Assert.Throws<Qml.Abstractions.QmlException>(() => Standardizer.Fit(Train).Transform(Dataset.Unlabelled("x", [1, 2, 3], 3)));

        Assert.That(error!.Message, Does.Contain("fitted on 2 features").And.Contain("has 3"));
    }

    [Test]
    public void BinarizerThresholds()
    {
        var binary = new Binarizer(4, 0.5).Transform(Dataset.Unlabelled("b", [0.1, 0.5, 0.51, 1], 4));

        Assert.That(binary.Features, Is.EqualTo(new double[] { 0, 0, 1, 1 }));
    }
}
