using System.CommandLine;
using Qml.Abstractions;

namespace Qml.Host.Cli;

/// <summary>
/// Runs a command body and turns errors into exit codes: a <see cref="QmlException"/> (bad input,
/// unknown name, refused request) prints its message alone; anything else is a bug and prints
/// the full exception.
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (QmlException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
            catch (Exception e)
            {
                await Console.Error.WriteLineAsync($"internal error: {e}").ConfigureAwait(false);
                return ExitCodes.InternalError;
            }
        });
}
