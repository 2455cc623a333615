using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Qml.Abstractions.Plugins;

namespace Qml.Host.Plugins;

/// <summary>
/// One plugin's assemblies. Shared contract assemblies come from the host's context (same types);
/// every other managed or native dependency resolves from the plugin's own <c>.deps.json</c>, so
/// two plugins may carry two versions of one library side by side. What neither provides (the
/// framework) falls back to the default context.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver resolver;
    private readonly AssemblyLoadContext hostContext;
    private readonly ConcurrentDictionary<string, AssemblyName> sharedRequests = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, AssemblyName> fallbackRequests = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="InvalidOperationException">The plugin's <c>.deps.json</c> cannot be read.</exception>
    public PluginLoadContext(string mainAssemblyPath)
        : base(name: "plugin:" + Path.GetFileName(Path.GetDirectoryName(mainAssemblyPath)), isCollectible: false)
    {
        resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        hostContext = GetLoadContext(typeof(IQmlPluginModule).Assembly) ?? Default;
    }

    /// <summary>The context shared contract assemblies come from.</summary>
    public AssemblyLoadContext HostContext => hostContext;

    /// <summary>Shared assemblies the plugin asked for, as it asked (its compile-time version); the host's copy answered.</summary>
    public IReadOnlyList<AssemblyName> SharedRequests => [.. sharedRequests.Values];

    /// <summary>Assemblies neither shared nor in the plugin's .deps.json, left to the default context (the framework, or missing).</summary>
    public IReadOnlyList<AssemblyName> FallbackRequests => [.. fallbackRequests.Values];

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (SharedAssemblies.IsShared(assemblyName))
        {
            sharedRequests.TryAdd(assemblyName.Name!, assemblyName);
            // Null defers to the default context; a host that itself runs in another context
            // (a test runner's) must hand out its own copy instead, or the types would differ.
            return ReferenceEquals(hostContext, Default) ? null : hostContext.LoadFromAssemblyName(assemblyName);
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            fallbackRequests.TryAdd(assemblyName.Name ?? assemblyName.FullName, assemblyName);
            return null;
        }

        return LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
