using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;
using Qml.Learning.Models;

[assembly: QmlPlugin(typeof(QmlModel1.ModelModule))]

namespace QmlModel1;

/// <summary>The plugin's entry point: the host creates it with new() and calls ConfigureServices once.</summary>
public sealed class ModelModule : IQmlPluginModule
{
    /// <summary>Who this plugin is; the contract major defaults to the one it was compiled against.</summary>
    public PluginManifest Manifest { get; } = new("my.plugin.id", new Version(1, 0, 0), "A small hybrid quantum classifier (QmlModel1)");

    /// <summary>Registers what the plugin adds: here one model factory.</summary>
    public void ConfigureServices(IServiceCollection services) => services.AddModelFactory<ModelFactory>();
}
