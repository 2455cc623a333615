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
    /// <summary>Parses OpenQASM source text (version taken from its <c>OPENQASM</c> header) into a circuit.</summary>
    /// <param name="text">The program text.</param>
    /// <param name="fileName">Name used in error locations; relative includes resolve against its directory.</param>
    /// <param name="options">Resource limits; <see cref="QasmReaderOptions.Default"/> when null.</param>
    /// <returns>The circuit, with qubits numbered in register declaration order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="fileName"/> is null.</exception>
    /// <exception cref="QasmException">The program is malformed, unsupported, or exceeds a limit in <paramref name="options"/>.</exception>
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

    /// <summary>Reads and parses an OpenQASM file; the same as <see cref="Read"/> on its text.</summary>
    /// <param name="path">The file to read; also the name used in error locations.</param>
    /// <param name="options">Resource limits; <see cref="QasmReaderOptions.Default"/> when null.</param>
    /// <returns>The circuit, with qubits numbered in register declaration order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="QasmException">The file is missing, unreadable, larger than
    /// <see cref="QasmReaderOptions.MaxFileSize"/>, or its program is invalid.</exception>
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
