using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;

[assembly: QmlPlugin(typeof(Qml.Models.Qkan.QkanPluginModule))]

namespace Qml.Models.Qkan;

/// <summary>Registers the QKAN model family and its datasets.</summary>
public sealed class QkanPluginModule : IQmlPluginModule
{
    public PluginManifest Manifest { get; } =
        new("qml.models.qkan", new Version(1, 0, 0), "QKAN, HQKAN, QKAN-LSTM (DARUAN edge circuits) and MLP/LSTM/QLSTM baselines");

    public void ConfigureServices(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
