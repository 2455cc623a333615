namespace Qml.Host.Plugins;

/// <summary>One service a plugin registered.</summary>
/// <param name="Kind"><c>backend</c>, <c>model</c>, <c>dataset</c>, <c>command</c>, or the service type's name.</param>
/// <param name="ServiceType">The contract type, e.g. <c>IBackendFactory</c>.</param>
/// <param name="ImplementationType">The plugin's type, when the registration names one.</param>
public sealed record PluginService(string Kind, Type ServiceType, Type? ImplementationType);
