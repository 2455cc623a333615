namespace Qml.Abstractions.Plugins;

/// <summary>
/// A top-level <c>qml</c> command supplied by a plugin (e.g. <c>qml import-qkan FILE</c>), for work
/// that needs the plugin's own code. Register it with
/// <see cref="PluginServiceCollectionExtensions.AddPluginCommand{TCommand}"/>. The host parses
/// nothing but its global options (<c>--plugins</c>, <c>--format</c>); every other token after the
/// command name reaches <see cref="InvokeAsync"/> unchanged and in order.
/// </summary>
public interface IPluginCommand
{
    /// <summary>What users type after <c>qml</c>: lower case letters, digits and '-', starting with a letter; must not be a built-in command.</summary>
    string Name { get; }

    /// <summary>One line for <c>qml --help</c> and <c>qml plugins</c>.</summary>
    string Description { get; }

    /// <summary>The arguments after the name, e.g. <c>FILE [--out DIR]</c>; shown in help.</summary>
    string Usage { get; }

    /// <summary>
    /// Runs the command and returns its exit code (0 for success). Throw
    /// <see cref="QmlException"/> for bad input: the host prints its message and exits with 2.
    /// </summary>
    Task<int> InvokeAsync(PluginCommandContext context, CancellationToken cancellationToken);
}
