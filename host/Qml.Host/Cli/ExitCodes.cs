namespace Qml.Host.Cli;

/// <summary>Process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line did not parse (System.CommandLine's own code).</summary>
    public const int Usage = 1;

    /// <summary>Valid syntax, but an unknown name, bad value or a request a backend refused.</summary>
    public const int InvalidInput = 2;

    /// <summary>A bug or an environment failure: the message and stack trace go to stderr.</summary>
    public const int InternalError = 3;
}
