using Qml.Abstractions.Plugins;

namespace Qml.Host.Plugins;

/// <summary>A plugin after its module was (or failed to be) created; <see cref="Module"/> is set only while it is still loadable.</summary>
internal sealed record PluginActivation(PluginHandle Handle, IQmlPluginModule? Module)
{
    public static PluginActivation Failed(PluginHandle handle, PluginStatus status, string error, Exception? exception = null) =>
        new(handle with { Status = status, Error = error, Exception = exception, Kinds = [] }, null);
}
