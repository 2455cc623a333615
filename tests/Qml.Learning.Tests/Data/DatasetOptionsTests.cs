using Qml.Abstractions;
using Qml.Learning.Data;

namespace Qml.Learning.Tests.Data;

public sealed class DatasetOptionsTests
{
    [Test]
    public void TypedGettersParseAndNameTheKeyAndRangeOnError()
    {
        var options = DatasetOptions.Parse(["samples=50", "Noise = 0.2", "split=TEST", "flag=yes"]);

        Assert.That(options.GetInt("SAMPLES", 1, 1), Is.EqualTo(50));
        Assert.That(options.GetDouble("noise", 0, 0), Is.EqualTo(0.2));
        Assert.That(options.GetChoice("split", "train", "train", "test"), Is.EqualTo("test"));
        Assert.That(options.GetBool("flag", false), Is.True);
        Assert.That(options.GetInt("missing", 7), Is.EqualTo(7));

        var error = Assert.Throws<QmlException>(() => options.GetInt("samples", 1, 100, 200));
        Assert.That(error!.Message, Does.Contain("'samples=50'").And.Contain("100..200"));
        error = Assert.Throws<QmlException>(() => options.GetChoice("noise", "x", "a", "b"));
        Assert.That(error!.Message, Does.Contain("'noise=0.2'").And.Contain("a, b"));
        Assert.Throws<QmlException>(() => DatasetOptions.Parse(["samples"]));
    }

    [Test]
    public void ProviderRejectsUnknownOptionsListingTheValidOnes()
    {
        var error = Assert.Throws<QmlException>(() => BuiltInDatasets.Load("moons", DatasetOptions.Parse(["sample=3"])));

        Assert.That(error!.Message, Does.Contain("no option 'sample'").And.Contain("samples").And.Contain("seed"));
    }

    [Test]
    public void CatalogListsEveryBuiltInAndNamesTheAvailableOnesForAnUnknownName()
    {
        Assert.That(BuiltInDatasets.Names, Is.SupersetOf(new[] { "moons", "circles", "xor", "parity", "bessel-j0-series", "damped-oscillator", "sine-windows" }));
        foreach (var provider in BuiltInDatasets.All)
        {
            Assert.That(provider.Describe().Name, Is.EqualTo(provider.Name));
        }

        var error = Assert.Throws<QmlException>(() => BuiltInDatasets.Get("moon"));
        Assert.That(error!.Message, Does.Contain("'moon'").And.Contain("moons"));
    }

    [Test]
    public void SyntheticProvidersLoadWithOptions()
    {
        var moons = BuiltInDatasets.Load("moons", DatasetOptions.Parse(["samples=31", "seed=2"]));
        var xor = BuiltInDatasets.Load("xor");
        var parity = BuiltInDatasets.Load("parity", DatasetOptions.Parse(["bits=4"]));
        var bessel = BuiltInDatasets.Load("bessel-j0-series", DatasetOptions.Parse(["samples=10", "window=5", "horizon=2"]));

        Assert.That(moons.SampleCount, Is.EqualTo(31));
        Assert.That((xor.Name, xor.SampleCount, xor.FeatureCount), Is.EqualTo(("xor", 4, 2)));
        Assert.That((parity.SampleCount, parity.FeatureCount), Is.EqualTo((16, 4)));
        Assert.That((bessel.SampleCount, bessel.FeatureCount, bessel.TargetWidth, bessel.SequenceLength), Is.EqualTo((10, 5, 2, 5)));
    }
}
