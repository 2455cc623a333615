using System.Buffers.Binary;
using System.IO.Compression;
using Qml.Abstractions;

namespace Qml.Learning.Data.Loaders;

/// <summary>
/// Reads IDX files (the MNIST format): a magic number <c>0x0000TTDD</c> (type TT, here 0x08
/// for unsigned bytes; DD dimensions), DD big-endian 32-bit sizes, then the data. A file
/// starting with the gzip signature is decompressed on the fly, whatever its name. Sizes are
/// validated against the bytes actually present, and errors give the byte offset (in the
/// decompressed stream) where the file stops making sense.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of unsigned-byte images (3 dimensions: count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of unsigned-byte labels (1 dimension: count).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads a 3-dimensional unsigned-byte image file (plain or gzip).</summary>
    /// <exception cref="QmlException">The file is missing, not valid gzip, has another magic number, or its sizes disagree with its length.</exception>
    public static IdxImages ReadImages(string path)
    {
        var (dimensions, data) = Read(path, ImagesMagic, "unsigned-byte images with 3 dimensions");
        return new IdxImages(dimensions[0], dimensions[1], dimensions[2], data);
    }

    /// <summary>Reads a 1-dimensional unsigned-byte label file (plain or gzip).</summary>
    /// <exception cref="QmlException">The file is missing, not valid gzip, has another magic number, or its size disagrees with its length.</exception>
    public static byte[] ReadLabels(string path) => Read(path, LabelsMagic, "unsigned-byte labels with 1 dimension").Data;

    private static (int[] Dimensions, byte[] Data) Read(string path, int expectedMagic, string expectedKind)
    {
        if (!File.Exists(path))
        {
            throw new QmlException($"IDX file not found: {path}.");
        }

        using var file = File.OpenRead(path);
        var gzipped = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
        var where = gzipped ? " (offset in the decompressed data)" : string.Empty;
        try
        {
            return ReadContents(stream, path, where, expectedMagic, expectedKind);
        }
        catch (InvalidDataException e)
        {
            throw new QmlException($"IDX file {path} is not valid gzip data: {e.Message}", e);
        }
    }

    private static (int[] Dimensions, byte[] Data) ReadContents(Stream stream, string path, string where, int expectedMagic, string expectedKind)
    {
        Span<byte> word = stackalloc byte[4];
        var offset = 0L;
        ReadHeaderWord(stream, word, path, where, ref offset, "the magic number");
        var magic = BinaryPrimitives.ReadInt32BigEndian(word);
        if (magic != expectedMagic)
        {
            throw new QmlException(
                $"IDX file {path} has magic number 0x{magic:X8} at offset 0; expected 0x{expectedMagic:X8} ({expectedKind}).");
        }

        var dimensions = new int[magic & 0xff];
        var total = 1L;
        for (var d = 0; d < dimensions.Length; d++)
        {
            var at = offset;
            ReadHeaderWord(stream, word, path, where, ref offset, $"size {d + 1} of {dimensions.Length}");
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dimensions[d] <= 0)
            {
                throw new QmlException($"IDX file {path} has size {dimensions[d]} at offset {at}{where}; expected a positive size.");
            }

            total *= dimensions[d];
            if (total > Array.MaxLength)
            {
                throw new QmlException(
                    $"IDX file {path} declares sizes {string.Join('×', dimensions[..(d + 1)])} in its header; more than {Array.MaxLength} bytes are not supported.");
            }
        }

        var data = new byte[total];
        var read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
        {
            throw new QmlException(
                $"IDX file {path} is truncated at offset {offset + read}{where}: its header declares {string.Join('×', dimensions)} = {total} data bytes " +
                $"after the {offset}-byte header, but only {read} follow.");
        }

        if (stream.ReadByte() >= 0)
        {
            throw new QmlException(
                $"IDX file {path} has extra bytes from offset {offset + total}{where}: its header declares {string.Join('×', dimensions)} = {total} data bytes.");
        }

        return (dimensions, data);
    }

    private static void ReadHeaderWord(Stream stream, Span<byte> word, string path, string where, ref long offset, string what)
    {
        var read = stream.ReadAtLeast(word, 4, throwOnEndOfStream: false);
        if (read < 4)
        {
            throw new QmlException($"IDX file {path} is truncated at offset {offset + read}{where}: expected {what} (4 bytes, big-endian).");
        }

        offset += 4;
    }
}
