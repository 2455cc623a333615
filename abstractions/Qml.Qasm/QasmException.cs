using Qml.Abstractions;

namespace Qml.Qasm;

/// <summary>
/// A syntax or semantic error in an OpenQASM program, or a limit it exceeds. The message starts
/// with <c>file:line:column:</c> so editors can jump to it; <see cref="Reason"/> is the bare text.
/// </summary>
public sealed class QasmException : QmlException
{
    /// <summary>Creates the error; the message becomes <c>file:line:column: reason</c>.</summary>
    /// <param name="file">The source file name (or <c>&lt;input&gt;</c>), as given to the reader.</param>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based column in UTF-16 characters.</param>
    /// <param name="reason">What is wrong and what was expected, without the location.</param>
    public QasmException(string file, int line, int column, string reason)
        : base($"{file}:{line}:{column}: {reason}")
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file the error is in (the included file when the error is there).</summary>
    public string File { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column, counted in UTF-16 characters (a tab counts as one).</summary>
    public int Column { get; }

    /// <summary>What is wrong and what was expected, without the location.</summary>
    public string Reason { get; }
}
