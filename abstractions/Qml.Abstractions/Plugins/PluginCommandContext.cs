namespace Qml.Abstractions.Plugins;

/// <summary>What the host hands a <see cref="IPluginCommand"/> when it runs.</summary>
/// <param name="Arguments">The tokens after the command name, minus the host's global options.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error: warnings and diagnostics.</param>
/// <param name="JsonOutput">True when the user asked for <c>--format json</c>: write one JSON document to <paramref name="Output"/>.</param>
/// <param name="Services">The composed host services: every loaded plugin's backend and model factories, dataset providers and commands.</param>
public sealed record PluginCommandContext(
    IReadOnlyList<string> Arguments,
    TextWriter Output,
    TextWriter Error,
    bool JsonOutput,
    IServiceProvider Services);
