namespace Qml.Abstractions.Execution;

/// <summary>Identity and capabilities of a live backend instance.</summary>
public sealed record BackendInfo(string Name, string Version, string Description, Capabilities Capabilities);
