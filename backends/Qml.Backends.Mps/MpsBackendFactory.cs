using Qml.Abstractions.Execution;

namespace Qml.Backends.Mps;

/// <summary>Creates the matrix product state backend (<c>--backend mps</c>).</summary>
public sealed class MpsBackendFactory : IBackendFactory
{
    internal const string BackendName = "mps";

    public string Name => BackendName;

    public BackendDescriptor Describe() =>
        new(BackendName, MpsBackend.DescriptionText, MpsCapabilities.Create())
        {
            Options = MpsSettings.Documented,
        };

    public IBackend Create(BackendOptions options) => new MpsBackend(MpsSettings.Parse(options));
}
