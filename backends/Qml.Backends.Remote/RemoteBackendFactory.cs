using Qml.Abstractions.Execution;

namespace Qml.Backends.Remote;

/// <summary>Creates the remote backend (<c>--backend remote</c>).</summary>
public sealed class RemoteBackendFactory : IBackendFactory
{
    internal const string BackendName = "remote";

    public string Name => BackendName;

    public BackendDescriptor Describe() =>
        new(BackendName, RemoteBackend.DescriptionText, RemoteBackend.CreateCapabilities(RemoteSettings.DefaultMaxQubits))
        {
            Options = RemoteSettings.Documented,
        };

    public IBackend Create(BackendOptions options) =>
        new RemoteBackend(RemoteSettings.Parse(options, Environment.GetEnvironmentVariable(RemoteSettings.TokenVariable)));
}
