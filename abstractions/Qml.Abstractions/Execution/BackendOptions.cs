using Qml.Abstractions.Options;

namespace Qml.Abstractions.Execution;

/// <summary>
/// Settings for creating a backend: <c>key=value</c> pairs from the command line
/// (<c>--backend-option threads=2</c>) or code.
/// </summary>
public sealed record BackendOptions : KeyValueOptions<BackendOptions>
{
    /// <summary>Names the options in error messages ("Backend option ...").</summary>
    protected override string Subject => "Backend";

    /// <summary>Throws when a key is not documented by the backend, listing the valid keys.</summary>
    public void RequireKnown(string backend, IEnumerable<BackendOptionInfo> known) =>
        RequireKnownKeys(backend, known.Select(k => k.Name));
}
