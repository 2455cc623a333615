namespace Qml.Abstractions.Execution;

/// <summary>
/// What a backend can do, as data: hosts, layers and the shared validation step read it, so
/// no backend writes its own capability checks.
/// </summary>
public sealed record Capabilities
{
    /// <summary>Largest circuit the backend accepts (memory may lower it further per request).</summary>
    public required int MaxQubits { get; init; }

    /// <summary>Floating-point precision of the amplitudes; <see cref="Precision.Double"/> by default.</summary>
    public Precision Precision { get; init; } = Precision.Double;

    /// <summary>Expectations are exact (statevector, MPS without truncation), not estimated from shots.</summary>
    public bool ExactExpectations { get; init; }

    /// <summary>Probabilities can be returned.</summary>
    public bool Probabilities { get; init; } = true;

    /// <summary>Seeded measurement samples can be returned.</summary>
    public bool Sampling { get; init; } = true;

    /// <summary>The final state vector can be returned.</summary>
    public bool StateAccess { get; init; }

    /// <summary>Measurements, resets and conditions in the middle of a circuit (sampled per shot).</summary>
    public bool MidCircuitMeasurement { get; init; }

    /// <summary>How circuits on this backend can be differentiated; <see cref="GradientMethods.Adjoint"/> requires implementing <see cref="IDifferentiableBackend"/>.</summary>
    public GradientMethods GradientMethods { get; init; } = GradientMethods.ParameterShift | GradientMethods.FiniteDifference;

    /// <summary>The backend models noise (results are not those of the ideal circuit).</summary>
    public bool Noise { get; init; }

    /// <summary>Requests leave this process (latency, queues, tokens).</summary>
    public bool Remote { get; init; }

    /// <summary>Operations applied natively; the shared validation decomposes everything else into these. <see cref="GateSet.All"/> by default.</summary>
    public GateSet NativeGates { get; init; } = GateSet.All;
}
