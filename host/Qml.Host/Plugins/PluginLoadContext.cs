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

    /// <exception cref="InvalidOperationException">The plugin's <c>.deps.json</c> cannot be read.</exception>
    public PluginLoadContext(string mainAssemblyPath)
        : base(name: "plugin:" + Path.GetFileName(Path.GetDirectoryName(mainAssemblyPath)), isCollectible: false)
    {
        resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        hostContext = GetLoadContext(typeof(IQmlPluginModule).Assembly) ?? Default;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (SharedAssemblies.IsShared(assemblyName))
        {
            // Null defers to the default context; a host that itself runs in another context
            // (a test runner's) must hand out its own copy instead, or the types would differ.
            return ReferenceEquals(hostContext, Default) ? null : hostContext.LoadFromAssemblyName(assemblyName);
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
