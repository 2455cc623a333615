using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;
using Qml.Learning.Models;

[assembly: QmlPlugin(typeof(Qml.Samples.QuantumClassifier.ModelModule))]

namespace Qml.Samples.QuantumClassifier;

/// <summary>The plugin's entry point: the host creates it with new() and calls ConfigureServices once.</summary>
public sealed class ModelModule : IQmlPluginModule
{
    /// <summary>Who this plugin is; the contract major defaults to the one it was compiled against.</summary>
    public PluginManifest Manifest { get; } = new("qml.samples.quantumclassifier", new Version(1, 0, 0), $"A small hybrid quantum classifier (Qml.Samples.QuantumClassifier); uses Newtonsoft.Json {PrivateDependency.Version}");

    /// <summary>Registers what the plugin adds: here one model factory.</summary>
    public void ConfigureServices(IServiceCollection services) => services.AddModelFactory<ModelFactory>();
}
