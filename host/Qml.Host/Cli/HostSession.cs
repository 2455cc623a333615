using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Host.Plugins;
using Qml.Learning.Data;
using Qml.Learning.Models;

namespace Qml.Host.Cli;

/// <summary>The plugins loaded for one command, plus lookups by name.</summary>
internal sealed class HostSession : IDisposable
{
    private HostSession(PluginHost host) => Host = host;

    public PluginHost Host { get; }

    /// <summary>Loads the plugin folder named by <c>--plugins</c>, <c>QML_PLUGINS</c> or the default.</summary>
    public static HostSession Open(ParseResult parseResult, bool reportFailures = true)
    {
        var directory = PluginDirectory.Resolve(
            parseResult.GetValue(GlobalOptions.Plugins),
            Environment.GetEnvironmentVariable("QML_PLUGINS"),
            AppContext.BaseDirectory);
        var host = PluginHost.Load(directory);
        if (reportFailures)
        {
            foreach (var failed in host.Plugins.Where(p => p.Status is PluginStatus.Failed or PluginStatus.Incompatible))
            {
                Console.Error.WriteLine($"warning: plugin {failed.Path} was skipped ({failed.Status}): {failed.Error}");
            }
        }

        return new HostSession(host);
    }

    public IReadOnlyList<IBackendFactory> BackendFactories =>
        [.. Host.Services.GetServices<IBackendFactory>().OrderBy(f => f.Name, StringComparer.Ordinal)];

    /// <summary>The factory called <paramref name="name"/>, or an error listing the available ones.</summary>
    public IBackendFactory FindBackend(string name)
    {
        var factories = BackendFactories;
        var matches = factories.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        if (matches.Count > 1)
        {
            var origins = string.Join(", ", matches.Select(f => f.GetType().Assembly.Location));
            throw new QmlException($"backend '{name}' is registered by {matches.Count} plugins ({origins}); remove one of them from {Host.PluginDirectory}.");
        }

        var available = factories.Count == 0
            ? $"no backend plugin is loaded from {Host.PluginDirectory} (build the solution, or pass --plugins)"
            : "available: " + string.Join(", ", factories.Select(f => f.Name));
        throw new QmlException($"unknown backend '{name}'; {available}.");
    }

    /// <summary>Creates a backend, refusing unavailable ones with their reason.</summary>
    public IBackend CreateBackend(string name, BackendOptions options)
    {
        var factory = FindBackend(name);
        var descriptor = factory.Describe();
        if (!descriptor.IsAvailable)
        {
            throw new QmlException($"backend '{factory.Name}' is unavailable here: {descriptor.UnavailableReason}");
        }

        return factory.Create(options);
    }

    public IReadOnlyList<IModelFactory> ModelFactories =>
        [.. Host.Services.GetServices<IModelFactory>().OrderBy(f => f.Name, StringComparer.Ordinal)];

    /// <summary>The model factory called <paramref name="name"/>, or an error listing the available ones.</summary>
    public IModelFactory FindModel(string name)
    {
        var factories = ModelFactories;
        var matches = factories.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        if (matches.Count > 1)
        {
            var origins = string.Join(", ", matches.Select(f => f.GetType().Assembly.Location));
            throw new QmlException($"model '{name}' is registered by {matches.Count} plugins ({origins}); remove one of them from {Host.PluginDirectory}.");
        }

        var available = factories.Count == 0
            ? $"no model plugin is loaded from {Host.PluginDirectory} (build the solution, or pass --plugins)"
            : "available: " + string.Join(", ", factories.Select(f => f.Name));
        throw new QmlException($"unknown model '{name}'; {available}.");
    }

    /// <summary>The built-in datasets of Qml.Learning, then those plugins register, by name.</summary>
    public IReadOnlyList<IDatasetProvider> DatasetProviders =>
        [.. BuiltInDatasets.All, .. Host.Services.GetServices<IDatasetProvider>().OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>The dataset provider called <paramref name="name"/> (built-ins first), or an error listing the available ones.</summary>
    public IDatasetProvider FindDataset(string name)
    {
        var providers = DatasetProviders;
        return providers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new QmlException($"unknown dataset '{name}'; available: {string.Join(", ", providers.Select(p => p.Name))}.");
    }

    public void Dispose() => Host.Dispose();
}
