using Qml.Abstractions.Plugins;

namespace Qml.Host.Plugins;

/// <summary>What the type named by <c>[assembly: QmlPlugin(typeof(T))]</c> must be.</summary>
internal static class PluginModuleRules
{
    /// <summary>Null when the host can create <paramref name="moduleType"/>, else why not.</summary>
    public static string? Problem(Type moduleType)
    {
        if (!typeof(IQmlPluginModule).IsAssignableFrom(moduleType))
        {
            return $"module type '{moduleType.FullName}' does not implement {typeof(IQmlPluginModule).FullName}";
        }

        if (moduleType.IsAbstract || moduleType.IsInterface || moduleType.ContainsGenericParameters)
        {
            return $"module type '{moduleType.FullName}' is abstract or an open generic; it must be a concrete class";
        }

        if (moduleType.GetConstructor(Type.EmptyTypes) is null)
        {
            return $"module type '{moduleType.FullName}' has no public parameterless constructor; the host creates it with new()";
        }

        return null;
    }
}
