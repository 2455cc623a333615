using Qml.Abstractions;

namespace Qml.Learning.Checkpoints;

/// <summary>A checkpoint file that is corrupt, truncated or does not match the model; the message names the file and the part.</summary>
public sealed class CheckpointException(string message, Exception? innerException = null)
    : QmlException(message, innerException ?? new InvalidDataException(message));
