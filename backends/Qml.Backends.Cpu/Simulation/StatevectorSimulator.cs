using System.Numerics;
using Qml.Abstractions.Circuits;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>
/// One worker's simulator: a state vector plus the scratch every gate needs, allocated once per
/// request so applying a gate allocates nothing.
/// </summary>
internal sealed unsafe class StatevectorSimulator : IDisposable
{
    private readonly Complex[] _scratch;
    private readonly double[] _angles = new double[3];
    private readonly AmplitudeParallelism _parallel;

    public StatevectorSimulator(Circuit circuit, int amplitudeThreads)
    {
        QubitCount = circuit.QubitCount;
        State = new StateBuffer(QubitCount);
        _scratch = new Complex[GateKernelPlanner.ScratchLength(circuit)];
        _parallel = new AmplitudeParallelism(amplitudeThreads);
    }

    public int QubitCount { get; }

    public StateBuffer State { get; }

    public int Threads => _parallel.Threads;

    /// <summary>Prepares |0…0⟩ and applies every gate; measurements (terminal by validation) are left to the sampler.</summary>
    public void RunUnitary(Circuit circuit, ReadOnlySpan<double> symbols, CancellationToken cancellationToken)
    {
        State.ResetToZero();
        foreach (var operation in circuit.Operations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation.Definition.IsUnitary)
            {
                Apply(operation, symbols, State);
            }
        }
    }

    /// <summary>Applies U (or U† with <paramref name="adjoint"/>) of a unitary operation to <paramref name="target"/>.</summary>
    public void Apply(Operation operation, ReadOnlySpan<double> symbols, StateBuffer target, bool adjoint = false)
    {
        var angles = EvaluateAngles(operation, symbols);
        var kernel = GateKernelPlanner.Plan(operation, angles, _scratch, adjoint);
        _parallel.Apply(kernel, target.Pointer, QubitCount);
    }

    /// <summary>Applies an already planned kernel (measurement collapse, tests).</summary>
    public void Apply(in GateKernel kernel, StateBuffer target) => _parallel.Apply(kernel, target.Pointer, QubitCount);

    public void Dispose() => State.Dispose();

    private ReadOnlySpan<double> EvaluateAngles(Operation operation, ReadOnlySpan<double> symbols)
    {
        var angles = _angles.AsSpan(0, operation.Angles.Length);
        operation.EvaluateAngles(symbols, angles);
        return angles;
    }
}
