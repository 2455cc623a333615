using System.Text.Json;
using System.Text.Json.Nodes;
using Qml.Abstractions;
using Qml.Learning.Checkpoints;

namespace Qml.Host.Serve;

/// <summary>
/// Job records of <c>qml serve</c> on disk: one <c>JOB_ID.json</c> per job in the state
/// directory, rewritten atomically (temporary file, flush, rename) at every status change, so a
/// crash leaves either the previous record or the new one.
/// </summary>
public sealed class JobStore
{
    public JobStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QmlException($"--state-dir {directory}: cannot create the directory: {e.Message}");
        }
    }

    public string Directory { get; }

    /// <summary>
    /// Writes the job's current record (the latest state wins when two writes race), then
    /// publishes that state to clients: nobody hears of a status before it is on disk.
    /// </summary>
    public void Save(SamplerJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (job.RecordGate)
        {
            var snapshot = job.Snapshot();
            AtomicFile.WriteAllText(PathOf(job.Id), snapshot.Record.ToJsonString());
            job.Publish(snapshot);
        }
    }

    /// <summary>Removes the record of a job that was never accepted.</summary>
    public void Delete(string id) => File.Delete(PathOf(id));

    /// <summary>Every readable record; unreadable files are reported through <paramref name="log"/> and skipped.</summary>
    public IReadOnlyList<JsonObject> LoadRecords(Action<string>? log = null)
    {
        var records = new List<JsonObject>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file).StartsWith('.'))
            {
                continue;
            }

            try
            {
                if (JsonNode.Parse(File.ReadAllText(file)) is JsonObject record && record["id"] is not null)
                {
                    records.Add(record);
                    continue;
                }

                log?.Invoke($"skipping {file}: not a job record.");
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                log?.Invoke($"skipping {file}: {e.Message}");
            }
        }

        return records;
    }

    private string PathOf(string id) => Path.Combine(Directory, id + ".json");
}
