using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions;
using Qml.Abstractions.Plugins;

namespace Qml.Host.Cli;

/// <summary>
/// Adds the plugins' <see cref="IPluginCommand"/>s to the command tree. Plugins are loaded only when
/// the command line does not name a built-in command (or asks for root help), so built-in commands
/// pay nothing for this.
/// </summary>
internal static partial class PluginCommandRouting
{
    /// <summary>
    /// Loads the plugin folder and adds one subcommand per plugin command when <paramref name="args"/>
    /// need them. The returned session owns the plugins' load contexts and must outlive the invocation.
    /// </summary>
    public static HostSession? Attach(RootCommand root, string[] args)
    {
        var commandIndex = FindCommandToken(args);
        var builtIns = root.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)).ToHashSet(StringComparer.Ordinal);
        if (commandIndex >= 0 && builtIns.Contains(args[commandIndex]))
        {
            return null;
        }

        HostSession session;
        try
        {
            session = HostSession.Open(root.Parse(args), reportFailures: commandIndex >= 0);
        }
        catch (QmlException) when (commandIndex < 0)
        {
            return null; // root help still works when the plugin folder does not
        }

        var passthrough = commandIndex < 0 ? [] : WithoutGlobalOptions(args.Skip(commandIndex + 1));
        foreach (var group in session.Host.Services.GetServices<IPluginCommand>().GroupBy(c => c.Name, StringComparer.Ordinal))
        {
            var name = group.Key;
            if (!ValidName().IsMatch(name) || builtIns.Contains(name))
            {
                var origin = group.First().GetType().Assembly.Location;
                var why = builtIns.Contains(name) ? "it is a built-in command" : "a command name is lower-case letters, digits and '-', starting with a letter";
                Console.Error.WriteLine($"warning: plugin command '{name}' from {origin} was skipped: {why}.");
                continue;
            }

            root.Subcommands.Add(CreateCommand(group.ToList(), passthrough, session));
        }

        return session;
    }

    private static Command CreateCommand(IReadOnlyList<IPluginCommand> candidates, IReadOnlyList<string> passthrough, HostSession session)
    {
        var first = candidates[0];
        var command = new Command(first.Name, first.Description) { TreatUnmatchedTokensAsErrors = false };
        command.Arguments.Add(new Argument<string[]>("arguments")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = first.Usage,
        });
        CommandAction.Set(command, (parseResult, cancellationToken) =>
        {
            if (candidates.Count > 1)
            {
                var origins = string.Join(", ", candidates.Select(c => c.GetType().Assembly.Location));
                throw new QmlException($"command '{first.Name}' is registered by {candidates.Count} plugins ({origins}); remove one of them from {session.Host.PluginDirectory}.");
            }

            var context = new PluginCommandContext(
                passthrough,
                Console.Out,
                Console.Error,
                parseResult.GetValue(GlobalOptions.Format) == OutputFormat.Json,
                session.Host.Services);
            return first.InvokeAsync(context, cancellationToken);
        });
        return command;
    }

    /// <summary>The index of the first token that is neither an option nor a global option's value; -1 if none.</summary>
    internal static int FindCommandToken(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (IsGlobalOptionWithSeparateValue(args[i]))
            {
                i++;
            }
            else if (!args[i].StartsWith('-'))
            {
                return i;
            }
        }

        return -1;
    }

    internal static IReadOnlyList<string> WithoutGlobalOptions(IEnumerable<string> tokens)
    {
        var kept = new List<string>();
        using var e = tokens.GetEnumerator();
        while (e.MoveNext())
        {
            if (IsGlobalOptionWithSeparateValue(e.Current))
            {
                e.MoveNext();
            }
            else if (!IsGlobalOptionWithInlineValue(e.Current))
            {
                kept.Add(e.Current);
            }
        }

        return kept;
    }

    private static readonly string[] GlobalOptionNames = [GlobalOptions.Plugins.Name, GlobalOptions.Format.Name];

    private static bool IsGlobalOptionWithSeparateValue(string token) => GlobalOptionNames.Contains(token, StringComparer.Ordinal);

    private static bool IsGlobalOptionWithInlineValue(string token) =>
        GlobalOptionNames.Any(n => token.StartsWith(n + "=", StringComparison.Ordinal) || token.StartsWith(n + ":", StringComparison.Ordinal));

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex ValidName();
}
