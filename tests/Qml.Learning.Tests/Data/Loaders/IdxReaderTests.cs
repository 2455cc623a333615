using System.Buffers.Binary;
using System.IO.Compression;
using Qml.Abstractions;
using Qml.Learning.Data.Loaders;

namespace Qml.Learning.Tests.Data.Loaders;

public sealed class IdxReaderTests
{
    private TempFolder folder = null!;

    [SetUp]
    public void CreateFolder() => folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => folder.Dispose();

    [TestCase(false)]
    [TestCase(true)]
    public void ReadsImagesAndLabelsRawOrGzipped(bool gzip)
    {
        // Three 2×3 images whose pixel k of image i is 10·i + k.
        var pixels = Enumerable.Range(0, 3).SelectMany(i => Enumerable.Range(0, 6).Select(k => (byte)((10 * i) + k))).ToArray();
        var images = Write("images", Idx(IdxReader.ImagesMagic, [3, 2, 3], pixels), gzip);
        var labels = Write("labels", Idx(IdxReader.LabelsMagic, [3], [2, 0, 1]), gzip);

        var read = IdxReader.ReadImages(images);

        Assert.That((read.Count, read.Rows, read.Columns), Is.EqualTo((3, 2, 3)));
        Assert.That(read.Image(2).ToArray(), Is.EqualTo(new byte[] { 20, 21, 22, 23, 24, 25 }));
        Assert.That(IdxReader.ReadLabels(labels), Is.EqualTo(new byte[] { 2, 0, 1 }));

        var dataset = IdxDataset.Load("tiny", images, labels, classCount: 3);
        Assert.That(dataset.Row(1)[5], Is.EqualTo(15 / 255.0));
        Assert.That(dataset.Labels, Is.EqualTo(new[] { 2, 0, 1 }));
    }

    [Test]
    public void BadMagicNamesTheExpectedOne()
    {
        var path = Write("bad", Idx(0x00000802, [1, 1], [0]), gzip: false);

        var error = Assert.Throws<QmlException>(() => IdxReader.ReadImages(path));

        Assert.That(error!.Message, Does.Contain("0x00000802").And.Contain("offset 0").And.Contain("expected 0x00000803"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void TruncatedDataReportsTheOffsetWhereItEnds(bool gzip)
    {
        // Header: magic + 3 sizes = 16 bytes; declares 2×2×2 = 8 data bytes but holds 5.
        var path = Write("short", Idx(IdxReader.ImagesMagic, [2, 2, 2], [1, 2, 3, 4, 5]), gzip);

        var error = Assert.Throws<QmlException>(() => IdxReader.ReadImages(path));

        Assert.That(error!.Message, Does.Contain("truncated at offset 21").And.Contain("2×2×2 = 8 data bytes").And.Contain("only 5"));
        Assert.That(error.Message.Contains("decompressed", StringComparison.Ordinal), Is.EqualTo(gzip));
    }

    [Test]
    public void TruncatedHeaderReportsTheOffset()
    {
        var bytes = Idx(IdxReader.ImagesMagic, [2, 2, 2], [])[..10];
        var path = Write("header", bytes, gzip: false);

        var error = Assert.Throws<QmlException>(() => IdxReader.ReadImages(path));

        Assert.That(error!.Message, Does.Contain("truncated at offset 10").And.Contain("size 2 of 3"));
    }

    [Test]
    public void ExtraBytesAfterTheDeclaredDataAreRejected()
    {
        var path = Write("long", Idx(IdxReader.LabelsMagic, [2], [1, 2, 3]), gzip: false);

        var error = Assert.Throws<QmlException>(() => IdxReader.ReadLabels(path));

        Assert.That(error!.Message, Does.Contain("extra bytes from offset 10"));
    }

    [Test]
    public void LabelCountMustMatchImageCount()
    {
        var images = Write("i", Idx(IdxReader.ImagesMagic, [2, 1, 1], [0, 0]), gzip: false);
        var labels = Write("l", Idx(IdxReader.LabelsMagic, [3], [0, 0, 0]), gzip: false);

        var error = Assert.Throws<QmlException>(() => IdxDataset.Load("x", images, labels, 10));

        Assert.That(error!.Message, Does.Contain("2 images").And.Contain("3 labels"));
    }

    [Test]
    public void MissingFashionMnistFolderNamesThePackage()
    {
        var error = Assert.Throws<QmlException>(() => FashionMnist.Load(train: true, directory: folder.File("nowhere")));

        Assert.That(error!.Message, Does.Contain("Fashion-MNIST not found at").And.Contain("apt-get install dataset-fashion-mnist"));
    }

    private static byte[] Idx(int magic, int[] sizes, byte[] data)
    {
        var bytes = new byte[4 + (4 * sizes.Length) + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (var i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), sizes[i]);
        }

        data.CopyTo(bytes, 4 + (4 * sizes.Length));
        return bytes;
    }

    private string Write(string name, byte[] bytes, bool gzip)
    {
        // The gzipped file deliberately has no .gz suffix: the reader goes by content.
        var path = folder.File(name);
        using var file = File.Create(path);
        if (gzip)
        {
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        else
        {
            file.Write(bytes);
        }

        return path;
    }
}
