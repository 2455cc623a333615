namespace Qml.Abstractions.Execution;

/// <summary>Documents one option a backend factory accepts.</summary>
public sealed record BackendOptionInfo(string Name, string Description, string DefaultValue);
