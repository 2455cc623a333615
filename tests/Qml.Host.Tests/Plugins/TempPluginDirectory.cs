namespace Qml.Host.Tests.Plugins;

/// <summary>A fresh plugin directory per test, filled with copies of fixture folders.</summary>
internal sealed class TempPluginDirectory : IDisposable
{
    public TempPluginDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qml-host-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Copies a fixture's output folder in as <c>&lt;Path&gt;/&lt;folderName ?? fixture&gt;</c>; returns the copy's path.</summary>
    public string AddFixture(string fixture, string? folderName = null) =>
        AddFolder(Fixtures.FolderOf(fixture), folderName ?? fixture);

    public string AddFolder(string source, string folderName)
    {
        var target = System.IO.Path.Combine(Path, folderName);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>Creates an empty subfolder and returns its path.</summary>
    public string AddEmptyFolder(string folderName) => Directory.CreateDirectory(System.IO.Path.Combine(Path, folderName)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A loaded assembly may keep its file open on some systems; the OS cleans temp.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
