namespace Qml.Host.Plugins;

/// <summary>What became of one plugin folder.</summary>
public enum PluginStatus
{
    /// <summary>Its module ran and its services are in <see cref="PluginHost.Services"/>.</summary>
    Loaded,

    /// <summary>It could not be loaded or configured; <see cref="PluginHandle.Error"/> says why.</summary>
    Failed,

    /// <summary>It was built against another contract version than this host provides.</summary>
    Incompatible,

    /// <summary>Another folder holds the same plugin id at a higher version; that one was loaded.</summary>
    Superseded,
}
