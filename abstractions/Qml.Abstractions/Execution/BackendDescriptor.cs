namespace Qml.Abstractions.Execution;

/// <summary>
/// What a factory says about its backend before creating one: capabilities, options and
/// whether it can run here at all (an OpenCL backend without a device is unavailable, with
/// the reason).
/// </summary>
public sealed record BackendDescriptor(string Name, string Description, Capabilities Capabilities)
{
    /// <summary>False when the backend cannot run on this machine (e.g. no device); <see cref="UnavailableReason"/> then says why.</summary>
    public bool IsAvailable { get; init; } = true;

    /// <summary>Why the backend is unavailable and how to fix it; null when it is available.</summary>
    public string? UnavailableReason { get; init; }

    /// <summary>The <c>key=value</c> options the backend accepts (see <see cref="BackendOptions"/>); any other key is rejected.</summary>
    public IReadOnlyList<BackendOptionInfo> Options { get; init; } = [];
}
