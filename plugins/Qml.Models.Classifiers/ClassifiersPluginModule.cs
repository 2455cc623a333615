using Microsoft.Extensions.DependencyInjection;
using Qml.Abstractions.Plugins;
using Qml.Learning.Models;
using Qml.Models.Classifiers.Baselines;
using Qml.Models.Classifiers.Data;
using Qml.Models.Classifiers.FarhiNeven;
using Qml.Models.Classifiers.Hybrid;
using Qml.Models.Classifiers.Kernels;
using Qml.Models.Classifiers.Reuploading;
using Qml.Models.Classifiers.Vqc;

[assembly: QmlPlugin(typeof(Qml.Models.Classifiers.ClassifiersPluginModule))]

namespace Qml.Models.Classifiers;

/// <summary>Registers the classifier models (<c>--model hybrid</c>, <c>reuploading</c>, <c>vqc</c>, <c>qsvm</c>, <c>farhi-neven</c>, and the classical baselines <c>logistic</c>, <c>mlp-classifier</c>, <c>rbf-svm</c>) and the datasets <c>adhoc</c>, <c>mnist-3v6-4x4</c> and <c>fragile-feature</c>.</summary>
public sealed class ClassifiersPluginModule : IQmlPluginModule
{
    public PluginManifest Manifest { get; } =
        new("qml.models.classifiers", new Version(1, 0, 0), "Classifier models: hybrid, data re-uploading, VQC, quantum kernel SVM (qsvm), Farhi–Neven QNN; classical baselines logistic, mlp-classifier, rbf-svm; datasets adhoc, mnist-3v6-4x4, fragile-feature");

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddModelFactory<HybridModelFactory>();
        services.AddModelFactory<ReuploadingModelFactory>();
        services.AddModelFactory<VqcModelFactory>();
        services.AddModelFactory<LogisticModelFactory>();
        services.AddModelFactory<MlpModelFactory>();
        services.AddModelFactory<QsvmModelFactory>();
        services.AddModelFactory<RbfSvmModelFactory>();
        services.AddModelFactory<FarhiNevenModelFactory>();
        services.AddDatasetProvider<AdHocDatasetProvider>();
        services.AddDatasetProvider<MnistBinaryDatasetProvider>();
        services.AddDatasetProvider<FragileFeatureDatasetProvider>();
    }
}
