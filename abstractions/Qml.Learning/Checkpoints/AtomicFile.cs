namespace Qml.Learning.Checkpoints;

/// <summary>
/// Writes files so that a reader (or a crash) sees either the old content or the new, never a
/// torn one: the bytes go to a temporary file in the same folder, are flushed to disk, and the
/// temporary file is renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Atomically replaces (or creates) <paramref name="path"/> with <paramref name="bytes"/>, creating its folder if needed.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The write or the rename failed; the target keeps its old content.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var buffer = bytes.ToArray();
        Write(path, stream => stream.Write(buffer));
    }

    /// <summary>Atomically replaces (or creates) <paramref name="path"/> with <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The write or the rename failed; the target keeps its old content.</exception>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Streams content through <paramref name="write"/> into a temporary file, then renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
