using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace QmlBackend1;

/// <summary>Creates the backend users select with <c>qml run -b my-backend</c>.</summary>
public sealed class BackendFactory : IBackendFactory
{
    /// <summary>The name users pass to <c>--backend</c>.</summary>
    public const string BackendName = "my-backend";

    /// <summary>The largest register: 2^MaxQubits complex amplitudes per row.</summary>
    public const int MaxQubits = 16;

    /// <summary>The widest unitary matrix applied as it is (wider ones are refused by the validator).</summary>
    public const int MaxUnitaryQubits = 4;

    private static readonly BackendOptionInfo[] Options = [];

    /// <summary>What the backend can do, as data: the host and the shared validator read it.</summary>
    public static Capabilities Capabilities { get; } = new()
    {
        MaxQubits = MaxQubits,
        ExactExpectations = true,
        Probabilities = true,
        Sampling = true,
        StateAccess = true,
        MidCircuitMeasurement = false,
        GradientMethods = GradientMethods.ParameterShift | GradientMethods.FiniteDifference,
        // Everything else is decomposed to these by RequestValidator.Prepare before it reaches the backend.
        NativeGates = new GateSet([OperationKind.U, OperationKind.CX, OperationKind.Unitary, OperationKind.Measure], MaxUnitaryQubits),
    };

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public BackendDescriptor Describe() =>
        new(BackendName, $"dense statevector on U, CX and unitaries, up to {MaxQubits} qubits, one thread", Capabilities) { Options = Options };

    /// <inheritdoc />
    public IBackend Create(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireKnown(BackendName, Options);
        return new StatevectorBackend(new BackendInfo(BackendName, "1.0.0", Describe().Description, Capabilities));
    }
}
