namespace Qml.Abstractions.Execution;

/// <summary>
/// What a factory says about its backend before creating one: capabilities, options and
/// whether it can run here at all (an OpenCL backend without a device is unavailable, with
/// the reason).
/// </summary>
public sealed record BackendDescriptor(string Name, string Description, Capabilities Capabilities)
{
    public bool IsAvailable { get; init; } = true;

    public string? UnavailableReason { get; init; }

    public IReadOnlyList<BackendOptionInfo> Options { get; init; } = [];
}
