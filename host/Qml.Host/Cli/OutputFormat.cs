namespace Qml.Host.Cli;

/// <summary>How a command prints its result: a table for people or JSON for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
