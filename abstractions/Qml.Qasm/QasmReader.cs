using Qml.Abstractions.Circuits;
using Qml.Qasm.Syntax;

namespace Qml.Qasm;

/// <summary>
/// Reads OpenQASM 2.0 (qelib1.inc, as Qiskit accepts it) and the OpenQASM 3 subset hardware
/// providers and Qiskit's exporter produce. Qubit registers are laid out in declaration order
/// (the first register's element 0 is qubit 0), and so are classical registers.
/// Every problem is a <see cref="QasmException"/> naming file, line and column.
/// </summary>
public static class QasmReader
{
    public static Circuit Read(string text, string fileName = "<input>", QasmReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var parser = new QasmParser(options ?? QasmReaderOptions.Default);
        try
        {
            return parser.Parse(text, fileName);
        }
        catch (ArgumentException e)
        {
            // A contract check in Qml.Abstractions (a unitary or circuit rule) that the reader did
            // not anticipate: still the input's fault, so report it where the reader was.
            var site = parser.CurrentSite;
            throw site.File is null
                ? new QasmException(fileName, 1, 1, e.Message)
                : site.Error(e.Message);
        }
    }

    public static Circuit ReadFile(string path, QasmReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= QasmReaderOptions.Default;
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new QasmException(path, 1, 1, "file not found");
            }

            if (info.Length > options.MaxFileSize)
            {
                throw new QasmException(path, 1, 1, $"the file has {info.Length} bytes; the limit is {options.MaxFileSize} (QasmReaderOptions.MaxFileSize)");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QasmException(path, 1, 1, $"cannot read the file: {e.Message}");
        }

        return Read(text, path, options);
    }
}
