namespace Qml.Host.Tests.Cli;

/// <summary>An OpenQASM program written to a temporary file for one test.</summary>
internal sealed class TempQasmFile : IDisposable
{
    public TempQasmFile(string text)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"qml-cli-{Guid.NewGuid():N}.qasm");
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
