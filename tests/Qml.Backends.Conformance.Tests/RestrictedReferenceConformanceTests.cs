using Qml.Abstractions.Execution;
using Qml.Abstractions.Gates;

namespace Qml.Backends.Conformance.Tests;

/// <summary>
/// The suite against a reference that declares less: no state access (so states are checked
/// through probabilities and Pauli probes), no mid-circuit measurement, no adjoint, and only
/// U + CX natively, so every named gate arrives through the shared decomposer.
/// </summary>
[TestFixture]
public sealed class RestrictedReferenceConformanceTests : BackendConformanceSuite
{
    protected override IBackend CreateBackend() => new RestrictedReferenceBackend();

    /// <summary>The reference with fewer declared capabilities (and no <see cref="IDifferentiableBackend"/>).</summary>
    private sealed class RestrictedReferenceBackend : IBackend
    {
        private readonly ReferenceBackend _inner = new(ReferenceBackend.Full with
        {
            MaxQubits = 10,
            StateAccess = false,
            MidCircuitMeasurement = false,
            GradientMethods = GradientMethods.ParameterShift | GradientMethods.FiniteDifference,
            NativeGates = new GateSet([OperationKind.U, OperationKind.CX, OperationKind.Measure, OperationKind.Reset, OperationKind.Unitary], maxUnitaryQubits: 3),
        });

        public BackendInfo Info => _inner.Info;

        public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default) =>
            _inner.ExecuteAsync(request, cancellationToken);

        public void Dispose() => _inner.Dispose();
    }
}
