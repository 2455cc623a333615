using Microsoft.Extensions.DependencyInjection;

namespace Qml.Host.Plugins;

/// <summary>
/// The loaded plugins and the one service provider composed from the host's registrations and
/// theirs. <see cref="Load"/> never throws for a plugin's sake: each plugin folder becomes a
/// <see cref="PluginHandle"/> whose status says what happened.
/// </summary>
public sealed class PluginHost : IDisposable
{
    private readonly ServiceProvider provider;

    private PluginHost(string pluginDirectory, IReadOnlyList<PluginHandle> plugins, ServiceProvider provider)
    {
        PluginDirectory = pluginDirectory;
        Plugins = plugins;
        this.provider = provider;
    }

    /// <summary>The folder that was scanned (full path); it may not exist.</summary>
    public string PluginDirectory { get; }

    /// <summary>One handle per plugin folder, in folder name order.</summary>
    public IReadOnlyList<PluginHandle> Plugins { get; }

    /// <summary>The host's and the loaded plugins' services, e.g. <c>IEnumerable&lt;IBackendFactory&gt;</c>.</summary>
    public IServiceProvider Services => provider;

    /// <summary>Loads every plugin under <paramref name="pluginDirectory"/>; a missing directory means no plugins.</summary>
    /// <param name="pluginDirectory">The folder whose subfolders are plugins (see <see cref="Plugins.PluginDirectory.Resolve"/>).</param>
    /// <param name="configureHost">The host's own registrations, which plugin services may depend on.</param>
    /// <exception cref="AggregateException">The host's own registrations (<paramref name="configureHost"/>) cannot be constructed.</exception>
    public static PluginHost Load(string pluginDirectory, Action<IServiceCollection>? configureHost = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginDirectory);
        var directory = Path.GetFullPath(pluginDirectory);

        IServiceCollection hostServices = new ServiceCollection();
        configureHost?.Invoke(hostServices);

        ValidateHostRegistrations(hostServices);
        var compositions = LoadPlugins(directory, hostServices.ToList());

        IServiceCollection services = new ServiceCollection();
        foreach (var descriptor in hostServices.Concat(compositions.SelectMany(c => c.Registrations)))
        {
            services.Add(descriptor);
        }

        // The host and each plugin were validated on their own; validating the union again could
        // only throw out of Load for an interaction no single plugin owns, so scopes are checked
        // when services are resolved instead.
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        return new PluginHost(directory, compositions.Select(c => c.Handle).ToList(), provider);
    }

    public void Dispose() => provider.Dispose();

    /// <summary>Invalid host registrations are the host's bug, not a plugin's: fail loudly before any plugin is blamed.</summary>
    private static void ValidateHostRegistrations(IServiceCollection hostServices)
    {
        using var validated = hostServices.BuildServiceProvider(PluginComposer.ProviderOptions);
    }

    private static IReadOnlyList<PluginComposition> LoadPlugins(string directory, IReadOnlyList<ServiceDescriptor> hostServices)
    {
        IReadOnlyList<PluginCandidate> candidates;
        try
        {
            candidates = PluginScanner.Scan(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var handle = new PluginHandle(directory, null, null, null, null, PluginStatus.Failed,
                $"Plugin directory '{directory}' cannot be listed: {e.Message}", []) { Exception = e };
            return [new PluginComposition(handle, [])];
        }

        var activations = DuplicatePluginResolver.Resolve(candidates.Select(PluginActivator.Activate).ToList());
        return activations.Select(a => PluginComposer.Compose(a, hostServices)).ToList();
    }
}
