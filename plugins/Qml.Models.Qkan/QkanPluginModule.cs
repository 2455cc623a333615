using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;
using Qml.Learning.Models;
using Qml.Models.Qkan.Data;
using Qml.Models.Qkan.Models;

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
        services.AddModelFactory<QkanModelFactory>();
        services.AddModelFactory<HqkanModelFactory>();
        services.AddModelFactory<MlpModelFactory>();
        services.AddModelFactory<QkanLstmModelFactory>();
        services.AddModelFactory<HqkanLstmModelFactory>();
        services.AddModelFactory<LstmModelFactory>();
        services.AddModelFactory<QlstmModelFactory>();
        services.AddDatasetProvider<BesselJ0ScaledProvider>();
        services.AddDatasetProvider<SphericalJ0Provider>();
        services.AddDatasetProvider<ExpSinProvider>();
        services.AddDatasetProvider<BesselJnuProvider>();
        services.AddPluginCommand<Interop.ImportQkanCommand>();
    }
}
