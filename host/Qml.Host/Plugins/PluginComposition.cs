using Microsoft.Extensions.DependencyInjection;

namespace Qml.Host.Plugins;

/// <summary>A plugin's handle after <c>ConfigureServices</c>, and what it registered (empty unless Loaded).</summary>
internal sealed record PluginComposition(PluginHandle Handle, IReadOnlyList<ServiceDescriptor> Registrations);
