using Qml.Abstractions.Execution;
using Qml.Learning.Quantum;

namespace Qml.Learning.Models;

/// <summary>
/// Everything a factory needs besides the user's options: the backend quantum layers run on,
/// how they differentiate, the seed for initial weights, and the shape of the data
/// (<paramref name="InputFeatures"/> per sample, <paramref name="Outputs"/> classes or targets;
/// <paramref name="SequenceLength"/> T &gt; 0 for time-series windows of InputFeatures / T per step).
/// </summary>
public sealed record ModelContext(
    IBackend Backend,
    DifferentiationMethod Differentiation,
    int Seed,
    int InputFeatures,
    int Outputs,
    ModelTask Task,
    int SequenceLength = 0);
