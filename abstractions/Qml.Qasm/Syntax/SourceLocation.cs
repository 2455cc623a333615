namespace Qml.Qasm.Syntax;

/// <summary>Where a token or node came from, for error messages.</summary>
internal readonly record struct SourceLocation(string File, int Line, int Column)
{
    public QasmException Error(string reason) => new(File, Line, Column, reason);
}
