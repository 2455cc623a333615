using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Qml.Learning.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (8-byte little-endian header length, a JSON header
/// of name → dtype/shape/data_offsets plus optional string metadata, then the raw little-endian
/// data), so weights saved here load with Python's <c>safetensors.numpy.load_file</c>.
/// Writes are atomic; reads validate every offset and size and name the file and tensor.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>Largest header accepted: guards against hostile or corrupt files.</summary>
    public const long MaxHeaderBytes = 100L * 1024 * 1024;

    private const string MetadataKey = "__metadata__";

    /// <summary>Atomically writes <paramref name="tensors"/> as F64 (sorted by name) with optional string <paramref name="metadata"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty or <c>__metadata__</c>, or a shape has a negative dimension or does not match its value count.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, IReadOnlyDictionary<string, SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is { Count: > 0 })
        {
            header[MetadataKey] = metadata.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
        }

        long offset = 0;
        foreach (var (name, tensor) in ordered)
        {
            if (name == MetadataKey || string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"'{name}' cannot name a tensor.", nameof(tensors));
            }

            if (tensor.ElementCount != tensor.Values.Length || tensor.Shape.Any(d => d < 0))
            {
                throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}] but {tensor.Values.Length} values.", nameof(tensors));
            }

            var bytes = (long)tensor.Values.Length * sizeof(double);
            header[name] = new Dictionary<string, object> { ["dtype"] = "F64", ["shape"] = tensor.Shape, ["data_offsets"] = new[] { offset, offset + bytes } };
            offset += bytes;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var padded = (json.Length + 7) & ~7;
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(json);
            for (var i = json.Length; i < padded; i++)
            {
                stream.WriteByte((byte)' ');
            }

            foreach (var (_, tensor) in ordered)
            {
                WriteLittleEndian(stream, tensor.Values);
            }
        });
    }

    /// <summary>Reads every tensor and the metadata.</summary>
    /// <exception cref="CheckpointException">The file is missing, truncated, or its header is inconsistent.</exception>
    public static (IReadOnlyDictionary<string, SafeTensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{path}: cannot read the safetensors file: {e.Message}", e);
        }

        if (file.Length < 8)
        {
            throw new CheckpointException($"{path}: {file.Length} bytes is too short for a safetensors file (it starts with an 8-byte header length).");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes || (long)headerLength > file.Length - 8)
        {
            throw new CheckpointException($"{path}: the header claims {headerLength} bytes but the file has {file.Length - 8} after the length field.");
        }

        var dataStart = 8 + (int)headerLength;
        var dataLength = file.Length - dataStart;
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var ranges = new List<(long Begin, long End, string Name)>();
        try
        {
            using var document = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CheckpointException($"{path}: the header is not a JSON object.");
            }

            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == MetadataKey)
                {
                    foreach (var item in entry.Value.EnumerateObject())
                    {
                        metadata[item.Name] = item.Value.GetString() ?? string.Empty;
                    }

                    continue;
                }

                var (tensor, begin, end) = ReadTensor(path, entry, file.AsSpan(dataStart), dataLength);
                tensors[entry.Name] = tensor;
                ranges.Add((begin, end, entry.Name));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new CheckpointException($"{path}: the header is not valid safetensors JSON: {e.Message}", e);
        }

        ranges.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Begin < ranges[i - 1].End)
            {
                throw new CheckpointException($"{path}: tensors '{ranges[i - 1].Name}' and '{ranges[i].Name}' overlap in the data section.");
            }
        }

        return (tensors, metadata);
    }

    private static (SafeTensor Tensor, long Begin, long End) ReadTensor(string path, JsonProperty entry, ReadOnlySpan<byte> data, long dataLength)
    {
        var name = entry.Name;
        var dtype = entry.Value.GetProperty("dtype").GetString();
        var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
        {
            throw new CheckpointException($"{path}: tensor '{name}' has data offsets [{string.Join(", ", offsets)}] outside the {dataLength}-byte data section.");
        }

        if (shape.Any(d => d < 0))
        {
            throw new CheckpointException($"{path}: tensor '{name}' has a negative dimension in shape [{string.Join(", ", shape)}].");
        }

        var count = shape.Aggregate(1L, (a, d) => a * d);
        var width = dtype switch
        {
            "F64" => 8,
            "F32" => 4,
            _ => throw new CheckpointException($"{path}: tensor '{name}' has dtype '{dtype}'; only F64 and F32 are supported."),
        };
        if (count * width != offsets[1] - offsets[0])
        {
            throw new CheckpointException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: tensor '{name}' of shape [{string.Join(", ", shape)}] and dtype {dtype} needs {count * width} bytes but its offsets span {offsets[1] - offsets[0]}."));
        }

        var bytes = data.Slice((int)offsets[0], (int)(offsets[1] - offsets[0]));
        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = width == 8
                ? BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..])
                : BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
        }

        return (new SafeTensor(shape, values), offsets[0], offsets[1]);
    }

    private static void WriteLittleEndian(Stream stream, double[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        Span<byte> buffer = stackalloc byte[8];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
            stream.Write(buffer);
        }
    }
}
