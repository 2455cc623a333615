using System.Buffers.Binary;
using System.Text;
using Qml.Learning.Checkpoints;

namespace Qml.Learning.Tests.Checkpoints;

public sealed class SafeTensorsFileTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("qml-safetensors-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void RoundTripKeepsShapesValuesAndMetadata()
    {
        var path = Path.Combine(_folder, "weights.safetensors");
        var tensors = new Dictionary<string, SafeTensor>
        {
            ["layer.0.weight"] = new([2, 3], [1, -2, 3.5, double.Epsilon, 1e300, -0.0]),
            ["layer.0.bias"] = new([3], [0.1, 0.2, 0.3]),
            ["scalar"] = new([], [42]),
        };

        SafeTensorsFile.Write(path, tensors, new Dictionary<string, string> { ["format"] = "qml", ["epoch"] = "3" });
        var (read, metadata) = SafeTensorsFile.Read(path);

        Assert.That(read.Keys, Is.EquivalentTo(tensors.Keys));
        foreach (var (name, tensor) in tensors)
        {
            Assert.That(read[name].Shape, Is.EqualTo(tensor.Shape), name);
            Assert.That(read[name].Values, Is.EqualTo(tensor.Values), name);
        }

        Assert.That(metadata["epoch"], Is.EqualTo("3"));
    }

    [Test]
    public void LayoutFollowsTheSpecSoPythonCanLoadIt()
    {
        var path = Path.Combine(_folder, "one.safetensors");

        SafeTensorsFile.Write(path, new Dictionary<string, SafeTensor> { ["w"] = new([2], [1.0, 2.0]) });
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);

        Assert.That(headerLength % 8, Is.Zero, "the data section starts 8-byte aligned");
        Assert.That(header.TrimEnd(), Is.EqualTo("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}"));
        Assert.That(bytes.Length, Is.EqualTo(8 + headerLength + 16));
        Assert.That(BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 + headerLength + 8)), Is.EqualTo(2.0));
    }

    [Test]
    public void SinglePrecisionTensorsWidenOnRead()
    {
        var path = Path.Combine(_folder, "f32.safetensors");
        File.WriteAllBytes(path, Build("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", [.. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2f)]));

        var (tensors, _) = SafeTensorsFile.Read(path);

        Assert.That(tensors["x"].Values, Is.EqualTo(new[] { 1.5, -2.0 }));
    }

    [TestCase("{\"x\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", "needs 16 bytes")]
    [TestCase("{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,64]}}", "outside the 16-byte data section")]
    [TestCase("{\"x\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}", "dtype 'I8'")]
    [TestCase("{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"y\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[4,12]}}", "overlap")]
    [TestCase("{\"x\":", "not valid safetensors JSON")]
    [TestCase("[1,2]", "not a JSON object")]
    public void CorruptHeadersAreRejectedNamingTheFileAndTensor(string header, string expected)
    {
        var path = Path.Combine(_folder, "bad.safetensors");
        File.WriteAllBytes(path, Build(header, new byte[16]));

        var error = Assert.Throws<CheckpointException>(() => SafeTensorsFile.Read(path));

        Assert.That(error!.Message, Does.StartWith(path).And.Contain(expected));
    }

    [Test]
    public void TruncatedFileIsRejected()
    {
        var path = Path.Combine(_folder, "short.safetensors");
        var bytes = new byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1000);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CheckpointException>(() => SafeTensorsFile.Read(path));

        Assert.That(error!.Message, Does.Contain("claims 1000 bytes"));
    }

    [Test]
    public void AFailedWriteLeavesTheOldFileAndNoTemporaryBehind()
    {
        var path = Path.Combine(_folder, "state.bin");
        AtomicFile.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial"u8);
            throw new InvalidOperationException("crash mid-write");
        }));

        Assert.That(File.ReadAllText(path), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
    }

    private static byte[] Build(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }
}
